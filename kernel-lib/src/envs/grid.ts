/**
 * The grid engine: a rectangular map of walls and floor, and line of sight. An agent sees the
 * cells within its view radius (Euclidean distance <= radius + 0.5) joined to it by a clear
 * Bresenham line, drawn from the agent or from the cell (so sight is symmetric: A sees B exactly
 * when B would see A). A line is clear when no cell strictly between its ends is a wall and it
 * never steps diagonally between two walls that touch at a corner. Walls themselves are seen. The
 * lines are precomputed once per radius (`LosTable`), so a view costs one pass over a few dozen
 * offsets with no allocation.
 *
 * ```ts
 * const map = GridMap.fromRows(["#####", "#..##", "#...#", "#####"]);
 * const los = LosTable.forRadius(3);
 * map.canSee(1, 1, 3, 2); // true: nothing in between
 * ```
 */

/**
 * The integer points of the Bresenham line from (x0, y0) to (x1, y1), both ends included.
 *
 * ```ts
 * bresenhamLine(0, 0, 3, 1); // [[0,0],[1,0],[2,1],[3,1]]
 * ```
 */
export function bresenhamLine(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  const points: [number, number][] = [];
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    points.push([x, y]);
    if (x === x1 && y === y1) return points;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

const tableCache = new Map<number, LosTable>();

/**
 * The checks that make a line clear, relative to its first point: pairs of cells (a, b) such that
 * the line is blocked when both are walls. A cell strictly between the ends is the pair (c, c); a
 * diagonal step adds its two corner cells.
 */
function lineChecks(x0: number, y0: number, x1: number, y1: number): number[][] {
  const line = bresenhamLine(x0, y0, x1, y1);
  const checks: number[][] = [];
  for (let i = 0; i < line.length; i++) {
    const [x, y] = line[i];
    if (i > 0 && i < line.length - 1) checks.push([x, y, x, y]);
    if (i > 0) {
      const [px, py] = line[i - 1];
      if (px !== x && py !== y) checks.push([x, py, px, y]);
    }
  }
  return checks;
}

/**
 * Precomputed lines of sight for one view radius. Offset k (row-major over the square window of
 * side 2r+1, so it is also the index into an agent's view) has the checks of the line from the
 * agent from `start[2k]` to `start[2k+1]` and those of the line from the target from
 * `start[2k+1]` to `start[2k+2]` (empty when both lines are the same): the target is in sight
 * when, for one of the two lines, no check pair (checkA*, checkB*) is two walls.
 *
 * ```ts
 * const los = LosTable.forRadius(2);
 * los.side; // 5
 * ```
 */
export class LosTable {
  readonly side: number;
  /** 1 when offset k lies within the radius. */
  readonly inRadius: Uint8Array;
  readonly dx: Int8Array;
  readonly dy: Int8Array;
  readonly start: Int32Array;
  readonly checkAx: Int8Array;
  readonly checkAy: Int8Array;
  readonly checkBx: Int8Array;
  readonly checkBy: Int8Array;

  private constructor(readonly radius: number) {
    const side = 2 * radius + 1;
    this.side = side;
    const n = side * side;
    this.inRadius = new Uint8Array(n);
    this.dx = new Int8Array(n);
    this.dy = new Int8Array(n);
    this.start = new Int32Array(2 * n + 1);
    const checks: number[][] = [];
    const limit = (radius + 0.5) * (radius + 0.5);
    const key = (c: number[][]): string =>
      c
        .map((q) => (q[0] < q[2] || (q[0] === q[2] && q[1] <= q[3]) ? q : [q[2], q[3], q[0], q[1]]))
        .map((q) => q.join(","))
        .sort()
        .join(";");
    for (let k = 0; k < n; k++) {
      const dx = (k % side) - radius;
      const dy = Math.floor(k / side) - radius;
      this.dx[k] = dx;
      this.dy[k] = dy;
      this.start[2 * k] = checks.length;
      if (dx * dx + dy * dy > limit) {
        this.start[2 * k + 1] = checks.length;
        continue;
      }
      this.inRadius[k] = 1;
      const forward = lineChecks(0, 0, dx, dy);
      const backward = lineChecks(dx, dy, 0, 0);
      checks.push(...forward);
      this.start[2 * k + 1] = checks.length;
      if (key(forward) !== key(backward)) checks.push(...backward);
    }
    this.start[2 * n] = checks.length;
    this.checkAx = Int8Array.from(checks, (q) => q[0]);
    this.checkAy = Int8Array.from(checks, (q) => q[1]);
    this.checkBx = Int8Array.from(checks, (q) => q[2]);
    this.checkBy = Int8Array.from(checks, (q) => q[3]);
  }

  /** The (shared, cached) table for `radius` (an integer in [0, 60]). */
  static forRadius(radius: number): LosTable {
    if (!Number.isInteger(radius) || radius < 0 || radius > 60) {
      throw new RangeError(`view radius must be an integer in [0, 60], got ${radius}`);
    }
    let table = tableCache.get(radius);
    if (!table) {
      table = new LosTable(radius);
      tableCache.set(radius, table);
    }
    return table;
  }
}

/**
 * A width x height map; cell index = y * width + x. `walls[i]` is 1 for a wall.
 *
 * ```ts
 * const map = new GridMap(4, 3);
 * map.setWall(1, 1);
 * map.isWall(1, 1); // true
 * ```
 */
export class GridMap {
  /** 1 for a wall, 0 for floor, at cell index y * width + x. */
  readonly walls: Uint8Array;
  constructor(
    /** Cells across (a positive integer). */
    readonly width: number,
    /** Cells down (a positive integer). */
    readonly height: number
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`grid size must be positive integers, got ${width}x${height}`);
    }
    this.walls = new Uint8Array(width * height);
  }

  /** A map from text rows, "#" for walls and anything else for floor. */
  static fromRows(rows: readonly string[]): GridMap {
    const map = new GridMap(rows[0]?.length ?? 0, rows.length);
    rows.forEach((row, y) => {
      if (row.length !== map.width)
        throw new RangeError(`row ${y} has length ${row.length}, expected ${map.width}`);
      for (let x = 0; x < row.length; x++) if (row[x] === "#") map.setWall(x, y);
    });
    return map;
  }

  /** Whether (x, y) is a cell of the map: 0 <= x < width and 0 <= y < height. */
  inBounds(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }
  /** Whether (x, y) is a wall; everything outside the map counts as wall. */
  isWall(x: number, y: number): boolean {
    return !this.inBounds(x, y) || this.walls[y * this.width + x] === 1;
  }
  /** Makes (x, y) a wall, or floor with `wall` false. The cell must be in bounds (unchecked). */
  setWall(x: number, y: number, wall = true): void {
    this.walls[y * this.width + x] = wall ? 1 : 0;
  }
  /** Walls all around the border. */
  addBorder(): void {
    for (let x = 0; x < this.width; x++) {
      this.setWall(x, 0);
      this.setWall(x, this.height - 1);
    }
    for (let y = 0; y < this.height; y++) {
      this.setWall(0, y);
      this.setWall(this.width - 1, y);
    }
  }

  /**
   * Whether (x1, y1) is in line of sight of (x0, y0), ignoring distance: a clear Bresenham line
   * drawn from either end (symmetric, see the module comment).
   */
  canSee(x0: number, y0: number, x1: number, y1: number): boolean {
    if (!this.inBounds(x1, y1) || !this.inBounds(x0, y0)) return false;
    const clear = (checks: number[][]): boolean =>
      checks.every(([ax, ay, bx, by]) => !(this.isWall(ax, ay) && this.isWall(bx, by)));
    return clear(lineChecks(x0, y0, x1, y1)) || clear(lineChecks(x1, y1, x0, y0));
  }

  /**
   * Marks every cell visible from (cx, cy) within `los.radius`: `stamp[cell] = epoch`. Returns
   * nothing and allocates nothing; `view[k]` gets the cell index of window offset k, or -1 when
   * that offset is out of sight.
   *
   * @internal The grid worlds' perception calls it; use {@link GridMap.canSee} for one question.
   */
  markVisible(
    cx: number,
    cy: number,
    los: LosTable,
    stamp: Uint32Array,
    epoch: number,
    view: Int32Array
  ): void {
    const { width, height, walls } = this;
    const n = los.side * los.side;
    for (let k = 0; k < n; k++) {
      view[k] = -1;
      if (los.inRadius[k] === 0) continue;
      const x = cx + los.dx[k];
      const y = cy + los.dy[k];
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      // The line from the agent, then (when it differs) the line from the target.
      const mid = los.start[2 * k + 1];
      const end = los.start[2 * k + 2];
      let clear = true;
      for (let j = los.start[2 * k]; j < mid; j++) {
        if (
          walls[(cy + los.checkAy[j]) * width + cx + los.checkAx[j]] === 1 &&
          walls[(cy + los.checkBy[j]) * width + cx + los.checkBx[j]] === 1
        ) {
          clear = false;
          break;
        }
      }
      if (!clear && end > mid) {
        clear = true;
        for (let j = mid; j < end; j++) {
          if (
            walls[(cy + los.checkAy[j]) * width + cx + los.checkAx[j]] === 1 &&
            walls[(cy + los.checkBy[j]) * width + cx + los.checkBx[j]] === 1
          ) {
            clear = false;
            break;
          }
        }
      }
      if (!clear) continue;
      const cell = y * width + x;
      stamp[cell] = epoch;
      view[k] = cell;
    }
  }

  /** Shortest-path first steps by breadth-first search: the distance from every cell to `goal`, -1 if unreachable. */
  distancesTo(goal: number, blocked?: (cell: number) => boolean): Int32Array {
    const dist = new Int32Array(this.width * this.height).fill(-1);
    if (this.walls[goal] === 1) return dist;
    const queue = new Int32Array(this.width * this.height);
    let head = 0;
    let tail = 0;
    dist[goal] = 0;
    queue[tail++] = goal;
    while (head < tail) {
      const c = queue[head++];
      const x = c % this.width;
      const y = (c - x) / this.width;
      for (let d = 1; d <= 4; d++) {
        const nx = x + (d === 3 ? -1 : d === 4 ? 1 : 0);
        const ny = y + (d === 1 ? -1 : d === 2 ? 1 : 0);
        if (this.isWall(nx, ny)) continue;
        const nc = ny * this.width + nx;
        if (dist[nc] !== -1 || (blocked && nc !== goal && blocked(nc))) continue;
        dist[nc] = dist[c] + 1;
        queue[tail++] = nc;
      }
    }
    return dist;
  }
}

/**
 * Moves of the grid worlds: 0 stay, 1 up, 2 down, 3 left, 4 right.
 *
 * ```ts
 * MOVE_NAMES[env.expertAction("agent_0") as number];
 * ```
 */
export const MOVE_NAMES = ["stay", "up", "down", "left", "right"] as const;
/**
 * x change of each move.
 *
 * ```ts
 * const x2 = x + DX[move];
 * ```
 */
export const DX = [0, 0, 0, -1, 1] as const;
/**
 * y change of each move (y grows downwards).
 *
 * ```ts
 * const y2 = y + DY[move];
 * ```
 */
export const DY = [0, -1, 1, 0, 0] as const;
