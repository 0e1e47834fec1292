// Preloaded with `node --import` by the start-up benchmark: prints the process's peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\nMEMORIA PICO KB: ${process.resourceUsage().maxRSS}\n`);
});
