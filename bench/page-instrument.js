// Put into the benchmark's browser pages before any of their scripts (plain JavaScript, as the page
// runs it). It notes when the board's websocket delivers its first message, when every item is on
// the screen (checked each frame, just before it is painted: window.__benchItems items), and,
// through React's developer-tools hook (which production builds call too), which items' components
// rendered: a component that rendered has a new hooks list, one that was skipped keeps its own.
(() => {
  const bench = {
    firstBoardMessage: null,
    allShown: null,
    tracking: false,
    rendered: new Set(),
    renders: 0,
    root: null,
    states: new Map(),
  };
  window.__bench = bench;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (!/\/chair(\?|$)/.test(String(url))) {
        this.addEventListener('message', () => {
          if (bench.firstBoardMessage === null) bench.firstBoardMessage = performance.now();
        });
      }
    }
  };
  const check = () => {
    if (document.querySelectorAll('li.card').length >= window.__benchItems) bench.allShown = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  // Each item's component (the nearest function component above its <li>) and its hooks list.
  const walk = (root, visit) => {
    const stack = [[root, null]];
    while (stack.length > 0) {
      const [fiber, owner] = stack.pop();
      const props = fiber.memoizedProps;
      if (fiber.tag === 5 && fiber.type === 'li' && props && typeof props['data-card-id'] === 'string' && owner) {
        visit(props['data-card-id'], owner.memoizedState);
      }
      const isComponent = fiber.tag === 0 || fiber.tag === 15 || fiber.tag === 11;
      if (fiber.sibling) stack.push([fiber.sibling, owner]);
      if (fiber.child) stack.push([fiber.child, isComponent ? fiber : owner]);
    }
  };
  bench.track = () => {
    bench.states.clear();
    bench.rendered.clear();
    bench.renders = 0;
    if (bench.root) walk(bench.root.current, (id, state) => bench.states.set(id, state));
    bench.tracking = true;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id, root) => {
      bench.root = root;
      if (!bench.tracking) return;
      walk(root.current, (id, state) => {
        if (bench.states.has(id) && bench.states.get(id) !== state) {
          bench.rendered.add(id);
          bench.renders++;
        }
        bench.states.set(id, state);
      });
    },
  };
})();
