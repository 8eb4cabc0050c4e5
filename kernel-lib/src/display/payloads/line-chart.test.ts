import { formatNumber, layoutLineChart, niceTicks } from "./line-chart";

describe("line chart layout", () => {
  it("puts ticks on round values covering the data", () => {
    expect(niceTicks(0, 0.93, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 3)).toEqual([2.6, 2.8, 3, 3.2, 3.4]);
    expect(niceTicks(0, 1234, 4)).toEqual([0, 500, 1000, 1500]);
  });

  it("writes short tick labels", () => {
    expect(formatNumber(0.30000000000000004)).toBe("0.3");
    expect(formatNumber(12345.6)).toBe("1.235e+4");
    expect(formatNumber(0)).toBe("0");
  });

  it("maps data into the plot box, y growing upwards, and breaks lines at gaps", () => {
    const layout = layoutLineChart({
      x: [1, 2, 3, 4],
      series: [{ label: "loss", values: [1, 0.5, null, 0] }],
      width: 400,
      height: 200,
      yMin: 0,
      yMax: 1
    });
    const { plot } = layout;
    const [a, b, c] = layout.series[0].points;
    expect(a).toEqual({ x: plot.left, y: plot.top, xValue: 1, value: 1 });
    expect(c).toEqual({
      x: plot.left + plot.width,
      y: plot.top + plot.height,
      xValue: 4,
      value: 0
    });
    expect(b.y).toBeCloseTo(plot.top + plot.height / 2, 0);
    expect(layout.series[0].path).toBe(`M${a.x},${a.y} L${b.x},${b.y} M${c.x},${c.y}`);
    expect(layout.xTicks.map((t) => t.value)).toEqual([1, 2, 3, 4]);
  });
});
