/**
 * The world model as one tfjs-layers layer, so that a model saved by PWMK is a standard
 * TensorFlow.js layers model (model.json + weights.bin) that `tf.loadLayersModel` reads wherever
 * this class is registered (importing `pwmk/models` registers it). Its weights are the model's
 * weights, by name; its `call` is the same forward pass as training uses.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { architectureOf } from "./architectures";
import { beliefClassCounts, resolveConfig, type ResolvedConfig } from "./params";
import type { WorldModelConfig } from "./types";

/** The layer's constructor arguments: a world model configuration plus tfjs-layers' own. */
export interface WorldModelLayerArgs {
  worldModel: WorldModelConfig;
  name?: string;
  trainable?: boolean;
}

/**
 * The Perspective World Model as a layer: inputs observations [B, T, N, obsDim] and actions
 * [B, T, N] (int32); outputs next observations and, with a belief head, belief logits.
 *
 * ```ts
 * const loaded = await tf.loadLayersModel(pwmkModelFiles("runs/wm")); // a LayersModel
 * const [nextObs, beliefLogits] = loaded.predict([obs, actions]) as tf.Tensor[];
 * ```
 */
export class PerspectiveWorldModelLayer extends tfl.layers.Layer {
  static className = "PerspectiveWorldModel";
  readonly worldModel: ResolvedConfig;

  constructor(args: WorldModelLayerArgs) {
    super({ name: args.name ?? "perspective_world_model", trainable: args.trainable });
    this.worldModel = resolveConfig(args.worldModel);
  }

  override build(): void {
    for (const spec of architectureOf(this.worldModel).params(this.worldModel))
      this.addWeight(spec.name, spec.shape, "float32", tfl.initializers.zeros());
    this.built = true;
  }

  /** The weights by name, as the forward pass wants them. */
  weightsByName(): Record<string, tf.Tensor> {
    const specs = architectureOf(this.worldModel).params(this.worldModel);
    return Object.fromEntries(this.weights.map((w, i) => [specs[i].name, w.read()]));
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    const obs = (inputShape as tfl.Shape[])[0];
    const classes = beliefClassCounts(this.worldModel).reduce((a, b) => a + b, 0);
    return classes > 0 ? [obs, [obs[0], obs[1], obs[2], classes]] : obs;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const [obs, actions] = inputs as tf.Tensor[];
      const out = architectureOf(this.worldModel).forward(
        this.worldModel,
        this.weightsByName(),
        obs as tf.Tensor4D,
        tf.cast(actions, "int32") as tf.Tensor3D
      );
      return out.beliefLogits ? [out.nextObs, out.beliefLogits] : out.nextObs;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { beliefSpec, ...rest } = this.worldModel;
    return {
      ...super.getConfig(),
      worldModel: {
        ...rest,
        ...(beliefSpec ? { beliefSpec: beliefSpec as unknown as tf.serialization.ConfigDict } : {})
      }
    };
  }
}
tf.serialization.registerClass(PerspectiveWorldModelLayer, "pwmk");

/**
 * A tfjs-layers model around one world model layer (inputs: observations with any number of
 * steps, and actions).
 *
 * ```ts
 * const { model, layer } = buildLayersModel(config);
 * ```
 */
export function buildLayersModel(config: WorldModelConfig): {
  model: tfl.LayersModel;
  layer: PerspectiveWorldModelLayer;
} {
  const c = resolveConfig(config);
  const obs = tfl.input({ shape: [null, c.numAgents, c.obsDim], name: "observations" });
  const actions = tfl.input({ shape: [null, c.numAgents], dtype: "int32", name: "actions" });
  const layer = new PerspectiveWorldModelLayer({ worldModel: c });
  const outputs = layer.apply([obs, actions]) as tfl.SymbolicTensor | tfl.SymbolicTensor[];
  return { model: tfl.model({ inputs: [obs, actions], outputs }), layer };
}
