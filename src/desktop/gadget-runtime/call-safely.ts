/**
 * Runs a gadget's callback so that its exception cannot stop the caller (the hub's other
 * subscribers, the next handler): it is thrown again from a timer of this window, and so shows in
 * the gadget's own console as an uncaught error.
 */
export function callSafely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    setTimeout(() => {
      throw err;
    });
  }
}
