/// <reference lib="dom" />
/**
 * `/desktop/js/utilities/MessageDisplay.js` (gadgets.md §C.7): `finesse.utilities.MessageDisplay`
 * fills the gadget's own `#banner > #banner-msg` block with an error, or hides it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the `finesse` global is an untyped namespace
const w = globalThis as any;
w.finesse ??= {};
w.finesse.utilities ??= {};
const utilities = w.finesse.utilities;

const banner = () => document.getElementById('banner');

utilities.MessageDisplay = {
  showBannerError(text: string): void {
    const b = banner();
    if (!b) return;
    const msg = b.querySelector('#banner-msg') ?? b;
    msg.textContent = String(text ?? '');
    b.hidden = false;
    b.style.display = '';
  },
  hideBanner(): void {
    const b = banner();
    if (!b) return;
    b.hidden = true;
    b.style.display = 'none';
  },
};
