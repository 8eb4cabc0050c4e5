/**
 * `pwmk/support`: small pieces every layer may use, below all of them. Today: deprecation
 * warnings for pwmk's own API (see docs/migration.md).
 *
 * ```ts
 * import { deprecated } from "pwmk/support";
 * deprecated({ api: "oldName()", removedIn: "1.0.0", use: "newName()" });
 * ```
 * @module pwmk/support
 */
export {
  deprecated,
  deprecate,
  deprecationMessage,
  DEPRECATION_CODE,
  type Deprecation
} from "./deprecated";
