"""PyTorch anchor of the world model benchmark (bench/worldmodel.ts runs it with /usr/bin/python3).

The same architecture and shapes as pwmk's PerspectiveWorldModel (kernel-lib/src/models/network.ts):
per-agent MLP encoder with an agent embedding, action embedding, one joint token per step, position
embedding, pre-norm causal transformer blocks, final layer norm, MLP decoder predicting the change of
every agent's observation; masked MSE loss, Adam. Prints one JSON object:
{"available": true, "steps_per_second": ..., "threads": ..., "torch": "..."} or, without torch,
{"available": false, "reason": "..."}.
"""
import json
import math
import sys
import time

ARGS = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
B = ARGS.get("batch", 32)
T = ARGS.get("steps", 16)
N = ARGS.get("agents", 2)
D = ARGS.get("obsDim", 64)
A = ARGS.get("actionDim", 5)
H = ARGS.get("hidden", 128)
L = ARGS.get("layers", 2)
HEADS = ARGS.get("heads", 4)
FF = ARGS.get("ff", 256)
THREADS = ARGS.get("threads", 2)
SECONDS = ARGS.get("seconds", 4.0)

try:
    import torch
    from torch import nn
except Exception as e:  # noqa: BLE001 - any import failure means no anchor
    print(json.dumps({"available": False, "reason": f"PyTorch cannot be imported: {e}"}))
    sys.exit(0)

torch.set_num_threads(THREADS)
torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(H)
        self.qkv = nn.Linear(H, 3 * H)
        self.out = nn.Linear(H, H)
        self.ln2 = nn.LayerNorm(H)
        self.ff1 = nn.Linear(H, FF)
        self.ff2 = nn.Linear(FF, H)
        self.register_buffer("mask", torch.triu(torch.full((T, T), float("-inf")), diagonal=1))

    def forward(self, x):  # x: [B, T, H]
        b, t, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(H, dim=2)
        heads = lambda z: z.view(b, t, HEADS, H // HEADS).transpose(1, 2)
        q, k, v = heads(q), heads(k), heads(v)
        att = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(H // HEADS) + self.mask[:t, :t], dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, t, H)
        x = x + self.out(ctx)
        return x + self.ff2(torch.relu(self.ff1(self.ln2(x))))


class WorldModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Linear(D, H)
        self.agent = nn.Parameter(torch.randn(N, H) * 0.02)
        self.enc2 = nn.Linear(H, H)
        self.action = nn.Embedding(A, H)
        self.joint = nn.Linear(N * H, H)
        self.position = nn.Parameter(torch.randn(64, H) * 0.02)
        self.blocks = nn.ModuleList([Block() for _ in range(L)])
        self.ln = nn.LayerNorm(H)
        self.dec1 = nn.Linear(H, H)
        self.dec2 = nn.Linear(H, N * D)

    def forward(self, obs, actions):  # obs [B, T, N, D], actions [B, T, N]
        b, t = obs.shape[:2]
        z = self.enc2(torch.relu(self.enc1(obs) + self.agent))
        tokens = self.joint((z + self.action(actions)).reshape(b, t, N * H)) + self.position[:t]
        for block in self.blocks:
            tokens = block(tokens)
        delta = self.dec2(torch.relu(self.dec1(self.ln(tokens))))
        return obs + delta.view(b, t, N, D)


model = WorldModel()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
g = torch.Generator().manual_seed(1)
obs = torch.randn(B, T, N, D, generator=g)
next_obs = torch.randn(B, T, N, D, generator=g)
actions = torch.randint(0, A, (B, T, N), generator=g)
mask = torch.ones(B, T, 1, 1)


def step():
    opt.zero_grad(set_to_none=True)
    loss = (((model(obs, actions) - next_obs) ** 2) * mask).sum() / (mask.sum() * N * D)
    loss.backward()
    opt.step()
    return loss


for _ in range(3):
    step()
samples = []
for _ in range(3):
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < SECONDS / 3:
        step()
        n += 1
    samples.append(n / (time.perf_counter() - t0))
samples.sort()
print(json.dumps({
    "available": True,
    "steps_per_second": samples[1],
    "threads": torch.get_num_threads(),
    "torch": torch.__version__,
    "parameters": sum(p.numel() for p in model.parameters()),
}))
