// Loaded into a relay's process (node --expose-gc --import) by the benchmark's memory section, the
// same way for every relay: on request, collects garbage and answers with the live heap and RSS.
process.on('message', (message) => {
  if (message?.probe !== true) return;
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.send?.({ probe: message.id, heapUsed, rss });
});
