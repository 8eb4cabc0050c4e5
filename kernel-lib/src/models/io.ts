/**
 * Files of a saved model in the TensorFlow.js layers format, for Node: `model.json` (topology,
 * weights manifest, PWMK metadata) and one `weights.bin`. Writes are atomic per file and the
 * manifest is renamed into place last, so a crash never leaves a model.json that points at
 * missing or torn weights.
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs-core";
import { ModelError } from "./types";

const MODEL_FILE = "model.json";
const WEIGHTS_FILE = "weights.bin";

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * An IOHandler that saves and loads a layers model in directory `dir` (model.json +
 * weights.bin), for `model.save(handler)` and `tf.loadLayersModel(handler)` in Node.
 *
 * ```ts
 * await layersModel.save(pwmkModelFiles("runs/wm"));
 * const again = await tf.loadLayersModel(pwmkModelFiles("runs/wm"));
 * ```
 */
export function pwmkModelFiles(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      fs.mkdirSync(dir, { recursive: true });
      const weights = artifacts.weightData
        ? new Uint8Array(tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]))
        : new Uint8Array(0);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: "layers-model",
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata
          ? { userDefinedMetadata: artifacts.userDefinedMetadata }
          : {})
      };
      writeAtomic(path.join(dir, WEIGHTS_FILE), weights);
      writeAtomic(path.join(dir, MODEL_FILE), JSON.stringify(json));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          weightDataBytes: weights.byteLength
        }
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const file = path.join(dir, MODEL_FILE);
      if (!fs.existsSync(file)) throw new ModelError(`no saved model: ${file} does not exist`);
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse(fs.readFileSync(file, "utf8")) as tf.io.ModelJSON;
      } catch (e) {
        throw new ModelError(`${file} is not valid JSON: ${(e as Error).message}`);
      }
      if (!json.modelTopology || !Array.isArray(json.weightsManifest))
        throw new ModelError(
          `${file} is not a TensorFlow.js layers model (no topology or weights manifest)`
        );
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const wfile = path.join(dir, p);
            if (!fs.existsSync(wfile))
              throw new ModelError(`${file} names weights file ${p}, which does not exist`);
            const bytes = fs.readFileSync(wfile);
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    }
  };
}
