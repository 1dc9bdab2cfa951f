// A bare socket.io 4 server on Node: the anchor socialapp is measured against.
//
//     node bench/node/server.js PORT
//
// The same contract as bench/bare_eventlet.py: every connection joins one room; a `bcast`
// message ({pad: n}) broadcasts a state padded with n bytes to that room and acks its version.
"use strict";
const http = require("http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || process.env.PORT || 5051);
const server = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"ok":true}');
  } else {
    res.writeHead(404);
    res.end();
  }
});
const io = new Server(server, { maxHttpBufferSize: 16384 });
let version = 0;

io.on("connection", (socket) => {
  socket.join("all");
  socket.on("bcast", (data, ack) => {
    version += 1;
    const pad = data && Number.isInteger(data.pad) ? data.pad : 0;
    io.to("all").emit("state", { v: version, pad: "x".repeat(pad) });
    if (typeof ack === "function") ack({ ok: true, v: version });
  });
});

for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
server.listen(port, "127.0.0.1", () => console.log(`listening on 127.0.0.1:${port}`));
