/**
 * Our own mA* problems of the classic epistemic planning domains, written from their published
 * descriptions (not copied from any benchmark suite), at growing numbers of agents:
 * Coin in the Box, Grapevine, Selective Communication, Collaboration and Communication (long
 * corridors), and an assembly line. `npx tsx test/planning/problems/generate.ts` writes them to
 * this directory as .mastar files; the tests and `npm run bench` read those files.
 *
 * ```ts
 * const text = coinInTheBox(3, "C([a, b, c], tail)");
 * ```
 */

const NAMES = ["a", "b", "c", "d", "e", "f", "g"];

function agentsOf(n: number): string[] {
  if (!Number.isInteger(n) || n < 2 || n > NAMES.length)
    throw new RangeError(`2 to ${NAMES.length} agents`);
  return NAMES.slice(0, n);
}

const lines = (...parts: Array<string | string[]>) => parts.flat().join("\n") + "\n";

/**
 * Coin in the Box: a coin lies in a locked box; agent a holds the key and is looking, the others
 * are not. Opening is seen by whoever looks; peeking tells the peeker the coin's face while the
 * lookers only learn that it was peeked at; an agent can make another look (signal) or look away
 * (distract); shouting announces the face to the lookers.
 */
export function coinInTheBox(n: number, goal: string): string {
  const ag = agentsOf(n);
  const others = (x: string) => ag.filter((y) => y !== x);
  const out: string[] = [];
  out.push(`% Coin in the Box, ${n} agents (PWMK's own encoding)`);
  out.push(`fluent tail, opened;`);
  out.push(`fluent ${ag.map((x) => `has_key(${x}), looking(${x})`).join(", ")};`);
  out.push(`agent ${ag.join(", ")};`);
  out.push(`action ${ag.map((x) => `open(${x}), peek(${x}), shout(${x})`).join(", ")};`);
  out.push(
    `action ${ag.flatMap((x) => others(x).map((y) => `signal(${x},${y}), distract(${x},${y})`)).join(", ")};`
  );
  for (const x of ag) {
    out.push(
      "",
      `executable open(${x}) if has_key(${x}), B(${x}, has_key(${x}));`,
      `open(${x}) causes opened;`
    );
    out.push(
      `${x} observes open(${x});`,
      ...others(x).map((y) => `${y} observes open(${x}) if looking(${y});`)
    );
    out.push(
      `executable peek(${x}) if opened, looking(${x}), B(${x}, opened), B(${x}, looking(${x}));`
    );
    out.push(`peek(${x}) determines tail;`, `${x} observes peek(${x});`);
    out.push(...others(x).map((y) => `${y} aware_of peek(${x}) if looking(${y});`));
    out.push(
      `executable shout(${x}) if tail, B(${x}, tail);`,
      `shout(${x}) announces tail;`,
      `${x} observes shout(${x});`
    );
    out.push(...others(x).map((y) => `${y} observes shout(${x}) if looking(${y});`));
    for (const y of others(x)) {
      out.push(
        `executable signal(${x},${y}) if looking(${x}), -looking(${y}), B(${x}, looking(${x})), B(${x}, -looking(${y}));`
      );
      out.push(
        `signal(${x},${y}) causes looking(${y});`,
        `${x} observes signal(${x},${y});`,
        `${y} observes signal(${x},${y});`
      );
      out.push(
        `executable distract(${x},${y}) if looking(${x}), looking(${y}), B(${x}, looking(${x})), B(${x}, looking(${y}));`
      );
      out.push(
        `distract(${x},${y}) causes -looking(${y});`,
        `${x} observes distract(${x},${y});`,
        `${y} observes distract(${x},${y});`
      );
    }
  }
  const facts = [
    `has_key(a)`,
    ...others("a").map((y) => `-has_key(${y})`),
    `-opened`,
    `looking(a)`,
    ...others("a").map((y) => `-looking(${y})`)
  ];
  out.push("", `initially tail, ${facts.join(", ")};`);
  for (const f of facts) out.push(`initially C([${ag.join(",")}], ${f});`);
  out.push("", `goal ${goal};`);
  return lines(out);
}

/**
 * Grapevine: every agent knows its own secret; agents move between two rooms, and whoever is in
 * the speaker's room hears a secret it shares (a secret can be passed on once believed).
 */
export function grapevine(n: number, goal: string): string {
  const ag = agentsOf(n);
  const out: string[] = [`% Grapevine, ${n} agents, two rooms (PWMK's own encoding)`];
  out.push(`fluent ${ag.map((x) => `secret(${x}), at(${x},1), at(${x},2)`).join(", ")};`);
  out.push(`agent ${ag.join(", ")};`);
  out.push(`action ${ag.map((x) => `move(${x})`).join(", ")};`);
  out.push(`action ${ag.flatMap((x) => ag.map((s) => `share(${x},${s})`)).join(", ")};`);
  for (const x of ag) {
    out.push(
      "",
      `move(${x}) causes at(${x},2), -at(${x},1) if at(${x},1);`,
      `move(${x}) causes at(${x},1), -at(${x},2) if at(${x},2);`
    );
    out.push(...ag.map((y) => `${y} observes move(${x});`));
    for (const s of ag) {
      out.push(
        `executable share(${x},${s}) if B(${x}, secret(${s}));`,
        `share(${x},${s}) announces secret(${s});`
      );
      for (const y of ag)
        out.push(
          `${y} observes share(${x},${s}) if at(${x},1), at(${y},1);`,
          `${y} observes share(${x},${s}) if at(${x},2), at(${y},2);`
        );
    }
  }
  out.push("", `initially ${ag.map((x) => `secret(${x}), at(${x},1), -at(${x},2)`).join(", ")};`);
  out.push(
    `initially C([${ag.join(",")}], ${ag.map((x) => `at(${x},1), -at(${x},2)`).join(", ")});`
  );
  for (const x of ag)
    out.push(`initially C([${ag.join(",")}], B(${x}, secret(${x})) | B(${x}, -secret(${x})));`);
  out.push("", `goal ${goal};`);
  return lines(out);
}

/**
 * Selective Communication: a messenger walks a corridor of rooms and tells a piece of news to
 * whoever is in its room; the other agents stay put, one per room. The goal asks some of them
 * to believe the news and others not to.
 */
export function selectiveCommunication(n: number, rooms: number, goal: string): string {
  const ag = agentsOf(n);
  const [m, ...listeners] = ag;
  const R = Array.from({ length: rooms }, (_, i) => i + 1);
  const home = (i: number) => 1 + Math.round(((i + 1) * (rooms - 1)) / listeners.length);
  const out: string[] = [
    `% Selective Communication, ${n} agents, ${rooms} rooms (PWMK's own encoding)`
  ];
  out.push(`fluent news, ${R.map((r) => `at(${m},${r})`).join(", ")};`);
  out.push(`agent ${ag.join(", ")};`, `action right, left, tell;`);
  for (const r of R.slice(0, -1))
    out.push(`right causes at(${m},${r + 1}), -at(${m},${r}) if at(${m},${r});`);
  for (const r of R.slice(1))
    out.push(`left causes at(${m},${r - 1}), -at(${m},${r}) if at(${m},${r});`);
  out.push(`executable right if -at(${m},${rooms});`, `executable left if -at(${m},1);`);
  out.push(...ag.map((x) => `${x} observes right;`), ...ag.map((x) => `${x} observes left;`));
  out.push(`executable tell if B(${m}, news);`, `tell announces news;`, `${m} observes tell;`);
  listeners.forEach((x, i) => out.push(`${x} observes tell if at(${m},${home(i)});`));
  out.push(
    "",
    `initially news, at(${m},1), ${R.slice(1)
      .map((r) => `-at(${m},${r})`)
      .join(", ")};`
  );
  out.push(
    `initially C([${ag.join(",")}], at(${m},1), ${R.slice(1)
      .map((r) => `-at(${m},${r})`)
      .join(", ")});`
  );
  out.push(`initially C([${ag.join(",")}], B(${m}, news) | B(${m}, -news));`);
  out.push(`% listeners: ${listeners.map((x, i) => `${x} in room ${home(i)}`).join(", ")}`);
  out.push("", `goal ${goal};`);
  return lines(out);
}

/**
 * Collaboration and Communication: agents walk a corridor; each box is in one of two rooms
 * (unknown); an agent in a room can check whether a box is there, and can tell everyone where a
 * box is once it believes it.
 */
export function collaboration(
  n: number,
  rooms: number,
  boxes: Array<[number, number, number]>,
  goal: string,
  startAtOne = false
): string {
  const ag = agentsOf(n);
  const R = Array.from({ length: rooms }, (_, i) => i + 1);
  const out: string[] = [
    `% Collaboration and Communication, ${n} agents, ${rooms} rooms, ${boxes.length} boxes (PWMK's own encoding)`
  ];
  out.push(`fluent ${ag.flatMap((x) => R.map((r) => `at(${x},${r})`)).join(", ")};`);
  out.push(
    `fluent ${boxes.map(([, p, q], i) => `in(box${i + 1},${p}), in(box${i + 1},${q})`).join(", ")};`
  );
  out.push(`agent ${ag.join(", ")};`);
  out.push(`action ${ag.map((x) => `right(${x}), left(${x})`).join(", ")};`);
  const checks = ag.flatMap((x) =>
    boxes.flatMap(([, p, q], i) => [p, q].map((r) => [x, `box${i + 1}`, r] as const))
  );
  out.push(
    `action ${checks.map(([x, b, r]) => `check(${x},${b},${r}), tell(${x},${b},${r})`).join(", ")};`
  );
  for (const x of ag) {
    for (const r of R.slice(0, -1))
      out.push(`right(${x}) causes at(${x},${r + 1}), -at(${x},${r}) if at(${x},${r});`);
    for (const r of R.slice(1))
      out.push(`left(${x}) causes at(${x},${r - 1}), -at(${x},${r}) if at(${x},${r});`);
    out.push(
      `executable right(${x}) if -at(${x},${rooms});`,
      `executable left(${x}) if -at(${x},1);`
    );
    out.push(
      ...ag.map((y) => `${y} observes right(${x});`),
      ...ag.map((y) => `${y} observes left(${x});`)
    );
  }
  for (const [x, b, r] of checks) {
    out.push(`executable check(${x},${b},${r}) if at(${x},${r}), B(${x}, at(${x},${r}));`);
    out.push(
      `check(${x},${b},${r}) determines in(${b},${r});`,
      `${x} observes check(${x},${b},${r});`
    );
    out.push(`executable tell(${x},${b},${r}) if in(${b},${r}), B(${x}, in(${b},${r}));`);
    out.push(
      `tell(${x},${b},${r}) announces in(${b},${r});`,
      ...ag.map((y) => `${y} observes tell(${x},${b},${r});`)
    );
  }
  const start = ag.map((_, i) => (startAtOne || i % 2 === 0 ? 1 : rooms));
  const pos = ag.flatMap((x, i) =>
    R.map((r) => (r === start[i] ? `at(${x},${r})` : `-at(${x},${r})`))
  );
  const where = boxes.flatMap(([truth, p, q], i) => [
    truth === p ? `in(box${i + 1},${p})` : `-in(box${i + 1},${p})`,
    truth === q ? `in(box${i + 1},${q})` : `-in(box${i + 1},${q})`
  ]);
  out.push(
    "",
    `initially ${[...pos, ...where].join(", ")};`,
    `initially C([${ag.join(",")}], ${pos.join(", ")});`
  );
  boxes.forEach(([, p, q], i) =>
    out.push(
      `initially C([${ag.join(",")}], (in(box${i + 1},${p}), -in(box${i + 1},${q})) | (-in(box${i + 1},${p}), in(box${i + 1},${q})));`
    )
  );
  out.push("", `goal ${goal};`);
  return lines(out);
}

/**
 * Assembly line: each agent inspects its own part (the others know it inspected, not what it
 * found) and can report a sound part to everyone; agent a assembles once it believes every part
 * is sound.
 */
export function assemblyLine(n: number, goal: string): string {
  const ag = agentsOf(n);
  const out: string[] = [`% Assembly line, ${n} agents (PWMK's own encoding)`];
  out.push(
    `fluent assembled, ${ag.map((x) => `faulty(${x})`).join(", ")};`,
    `agent ${ag.join(", ")};`
  );
  out.push(`action assemble, ${ag.map((x) => `inspect(${x}), report(${x})`).join(", ")};`);
  for (const x of ag) {
    out.push(`inspect(${x}) determines faulty(${x});`, `${x} observes inspect(${x});`);
    out.push(...ag.filter((y) => y !== x).map((y) => `${y} aware_of inspect(${x});`));
    out.push(
      `executable report(${x}) if -faulty(${x}), B(${x}, -faulty(${x}));`,
      `report(${x}) announces -faulty(${x});`
    );
    out.push(...ag.map((y) => `${y} observes report(${x});`));
  }
  out.push(
    `executable assemble if -assembled, ${ag.map((x) => `B(a, -faulty(${x}))`).join(", ")};`,
    `assemble causes assembled;`
  );
  out.push(...ag.map((y) => `${y} observes assemble;`));
  out.push(
    "",
    `initially -assembled, ${ag.map((x) => `-faulty(${x})`).join(", ")};`,
    `initially C([${ag.join(",")}], -assembled);`
  );
  out.push("", `goal ${goal};`);
  return lines(out);
}

/** The problem set: file name, text, and the optimal plan length where we know it by hand. */
export function problemSet(): Array<{
  name: string;
  domain: string;
  agents: number;
  text: string;
  optimal?: number;
}> {
  const set: Array<{
    name: string;
    domain: string;
    agents: number;
    text: string;
    optimal?: number;
  }> = [];
  for (const n of [3, 4, 5]) {
    const ag = agentsOf(n);
    set.push({
      name: `coin-${n}-peek`,
      domain: "Coin in the Box",
      agents: n,
      text: coinInTheBox(n, "B(a, tail)"),
      optimal: 2
    });
    set.push({
      name: `coin-${n}-other`,
      domain: "Coin in the Box",
      agents: n,
      text: coinInTheBox(n, "B(b, tail), (-B(c, tail))"),
      optimal: 3
    });
    set.push({
      name: `coin-${n}-common`,
      domain: "Coin in the Box",
      agents: n,
      text: coinInTheBox(n, `C([${ag.join(", ")}], tail)`),
      optimal: n + 2
    });
    const ring = ag.map((x, i) => `B(${x}, secret(${ag[(i + 1) % n]}))`);
    set.push({
      name: `grapevine-${n}-pair`,
      domain: "Grapevine",
      agents: n,
      text: grapevine(n, `B(a, secret(b)), B(b, secret(a))`),
      optimal: 2
    });
    set.push({
      name: `grapevine-${n}-ring`,
      domain: "Grapevine",
      agents: n,
      text: grapevine(n, `${ring.join(", ")}, (-B(a, secret(c)))`)
    });
    set.push({
      name: `sc-${n}`,
      domain: "Selective Communication",
      agents: n,
      text: selectiveCommunication(
        n,
        2 * n,
        n === 3
          ? `B(c, news), (-B(b, news))`
          : `B(b, news), (-B(${ag[n - 2]}, news)), B(${ag[n - 1]}, news)`
      )
    });
    set.push({
      name: `cc-${n}-short`,
      domain: "Collaboration and Communication",
      agents: n,
      text: collaboration(n, 4, [[2, 2, 3]], `B(a, in(box1,2)), B(b, in(box1,2))`)
    });
    set.push({
      name: `assembly-${n}`,
      domain: "Assembly line",
      agents: n,
      text: assemblyLine(n, `B(a, assembled), B(b, assembled)`),
      optimal: 2 * n
    });
  }
  // Long corridors: everyone starts in room 1; box 1 is at the far end (or next to it), so
  // someone walks there, checks, and tells the other.
  for (const [n, rooms] of [
    [2, 8],
    [2, 12],
    [2, 16],
    [2, 18],
    [3, 12],
    [3, 16]
  ] as const) {
    set.push({
      name: `cc-${n}-corridor-${rooms}`,
      domain: "Collaboration and Communication",
      agents: n,
      text: collaboration(
        n,
        rooms,
        [[rooms, rooms - 1, rooms]],
        `B(b, in(box1,${rooms})), B(a, in(box1,${rooms}))`,
        true
      ),
      optimal: rooms
    });
  }
  return set;
}
