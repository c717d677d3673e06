// xhr2 ships no types; the tests only subclass its XMLHttpRequest.
declare module 'xhr2' {
  const XMLHttpRequest: unknown;
  export default XMLHttpRequest;
}
