// Live reload for `archive serve`: never part of a built site. Reloads the page after each
// good build; shows build errors over the page until the next good build.
(function () {
  "use strict";
  var OVERLAY_ID = "archive-build-error";
  function showError(text) {
    var box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed: the last good pages are being served.\n\n" + text;
  }
  var source = new EventSource("/__archive__/events");
  source.addEventListener("open", function () {
    document.documentElement.setAttribute("data-archive-live", "connected");
  });
  // The base path this page was served under (the server names it on the script tag).
  var script = document.currentScript;
  var servedBase = script ? script.getAttribute("data-base") : null;
  // The page's path after the base path it was served under, or null; the base path may be
  // written decoded (/café/) where the address is percent-encoded.
  function underBase(raw) {
    if (raw.indexOf(servedBase) === 0) {
      return raw.slice(servedBase.length);
    }
    try {
      var decoded = decodeURI(raw);
      return decoded.indexOf(servedBase) === 0 ? encodeURI(decoded.slice(servedBase.length)) : null;
    } catch (error) {
      return null;
    }
  }
  source.addEventListener("reload", function (event) {
    var base = event.data ? JSON.parse(event.data).base : null;
    var rest = base && servedBase && base !== servedBase ? underBase(window.location.pathname) : null;
    if (rest !== null) {
      // A new base URL in pyproject.toml: the page is now under the new base path.
      window.location.replace(base + rest + window.location.search + window.location.hash);
    } else {
      window.location.reload();
    }
  });
  source.addEventListener("builderror", function (event) {
    if (event.data) {
      showError(JSON.parse(event.data));
    }
  });
})();
