// Live reload for `archive serve`, shared by every open page of the site: one Server-Sent
// Events connection for all tabs. Browsers allow six HTTP/1.1 connections per server, and a
// connection per tab left the seventh tab loading forever.
"use strict";
var ports = [];
var connected = false;
var lastError = null; // shown to a tab opened while the build is broken, until the next good one
var lastHello = null; // the server's latest state, for a tab that connects later
var source = new EventSource("/__archive__/events");
function tell(message) {
  for (var i = 0; i < ports.length; i += 1) {
    ports[i].postMessage(message);
  }
}
source.addEventListener("open", function () {
  connected = true;
  tell({event: "open"});
});
source.addEventListener("error", function () {
  // The server went away (it may come back another one): what it said last is stale.
  connected = false;
  lastHello = null;
  lastError = null;
});
source.addEventListener("hello", function (event) {
  lastHello = event.data;
  tell({event: "hello", data: event.data});
});
["reload", "builderror"].forEach(function (name) {
  source.addEventListener(name, function (event) {
    lastError = name === "builderror" ? event.data : null;
    if (name === "reload") {
      lastHello = event.data; // (it names the new state)
    }
    tell({event: name, data: event.data});
  });
});
self.addEventListener("connect", function (event) {
  var port = event.ports[0];
  ports.push(port);
  port.addEventListener("message", function (message) {
    var index = ports.indexOf(port);
    if (message.data === "closed" && index >= 0) { // the tab went away: nothing more to tell it
      ports.splice(index, 1);
    }
  });
  port.start();
  if (connected) {
    port.postMessage({event: "open"});
  }
  if (lastHello !== null) {
    port.postMessage({event: "hello", data: lastHello});
  }
  if (lastError !== null) {
    port.postMessage({event: "builderror", data: lastError});
  }
});
