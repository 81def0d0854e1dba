/* The date picker picks its calendar language (date-fns locale) from navigator.languages.
 * Put the dashboard's own language first, so the calendar follows the RO/EN/RU switch rather
 * than the browser's settings. The language is set on <html data-app-lang> by a clientside
 * callback (callbacks/shell.py). */
(function () {
  var original = Object.getOwnPropertyDescriptor(Navigator.prototype, "languages");
  if (!original || !original.get) { return; }
  Object.defineProperty(Navigator.prototype, "languages", {
    configurable: true,
    get: function () {
      var own = document.documentElement.getAttribute("data-app-lang");
      var browser = original.get.call(this) || [];
      return own ? [own].concat(browser) : browser;
    }
  });
})();
