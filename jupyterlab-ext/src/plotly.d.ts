// plotly.js-basic-dist-min ships no types; the interactive view uses newPlot and purge.
declare module "plotly.js-basic-dist-min";
