// Live reload for `archive serve`: never part of a built site. Reloads the page after each
// good build; shows build errors over the page until the next good build.
(function () {
  "use strict";
  var OVERLAY_ID = "archive-build-error";
  // The overlay is kept here, never looked up by its id: the page's own content may hold an
  // element with that id (a body heading "## Archive build error"), which took its place.
  var overlay = null;
  function showError(text) {
    var box = overlay;
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
      overlay = box;
    }
    box.textContent = "Build failed: the last good pages are being served.\n\n" + text;
  }
  // The base path this page was served under (the server names it on the script tag).
  var script = document.currentScript;
  var servedBase = script ? script.getAttribute("data-base") : null;
  var servedState = script ? script.getAttribute("data-state") : null;
  var servedFile = script ? script.getAttribute("data-file") : null; // the site file of this page
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
  // Where the article now is, when the build moved the one this page shows (a new title, and
  // its URL follows): ``moved`` maps old paths under the base path to new ones, as written.
  function movedTo(rest, moved) {
    if (rest === null || !moved) {
      return null;
    }
    var decoded = rest;
    try {
      decoded = decodeURI(rest);
    } catch (error) {
      // (a malformed address: compared as it is)
    }
    var now = Object.prototype.hasOwnProperty.call(moved, rest) ? moved[rest] :
      Object.prototype.hasOwnProperty.call(moved, decoded) ? moved[decoded] : null;
    return now === null ? null : encodeURI(now);
  }
  function onReload(event) {
    var data = event.data ? JSON.parse(event.data) : {};
    var base = data.base || servedBase;
    var rest = servedBase ? underBase(window.location.pathname) : null;
    var moved = movedTo(rest, data.moved);
    if (moved !== null) {
      rest = moved;
    }
    if (rest !== null && (base !== servedBase || moved !== null)) {
      // A new base URL in pyproject.toml, or a new URL for this article: go where it is now.
      window.location.replace(base + rest + window.location.search + window.location.hash);
    } else if (servedFile && Array.isArray(data.pages) && data.pages.indexOf(servedFile) < 0) {
      // The build left this page's file as it was: it stays, scroll position and all, without
      // the overlay of a failed build, and now stands for the new state.
      if (overlay) {
        overlay.parentNode.removeChild(overlay);
        overlay = null;
      }
      servedState = data.state;
    } else {
      window.location.reload();
    }
  }
  var handlers = {
    open: function () {
      document.documentElement.setAttribute("data-archive-live", "connected");
    },
    reload: onReload,
    // Sent on connecting: a build announced before this page listened (a save while it loaded,
    // a server restarted meanwhile) is shown now.
    hello: function (event) {
      var data = event.data ? JSON.parse(event.data) : {};
      if (servedState && data.state && data.state !== servedState) {
        // Builds came since: reload if one changed this page (the server keeps count).
        var asked = "/__archive__/stale?state=" + encodeURIComponent(servedState) +
          "&file=" + encodeURIComponent(servedFile || "");
        var newState = data.state;
        fetch(asked, {cache: "no-store"}).then(function (response) {
          return response.json();
        }).then(function (answer) {
          if (answer.moved) { // its article moved while it loaded: go where it is now
            window.location.replace(answer.base + encodeURI(answer.moved) + window.location.search +
              window.location.hash);
          } else if (answer.stale) {
            window.location.reload();
          } else {
            servedState = newState;
          }
        }, function () {
          window.location.reload();
        });
      }
    },
    builderror: function (event) {
      if (event.data) {
        showError(JSON.parse(event.data));
      }
    }
  };
  // One connection shared by every tab (a worker): the browser's six connections per server
  // would otherwise be taken by six open pages, and a seventh would never load.
  if (window.SharedWorker) {
    var port = new SharedWorker("/__archive__/reload-worker.js").port;
    port.addEventListener("message", function (message) {
      var handler = handlers[message.data.event];
      if (handler) {
        handler(message.data);
      }
    });
    port.start();
    window.addEventListener("pagehide", function () {
      port.postMessage("closed");
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { // back from the back-forward cache, no longer told of builds
        window.location.reload();
      }
    });
  } else {
    var source = new EventSource("/__archive__/events");
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, handlers[name]);
    });
  }
})();
