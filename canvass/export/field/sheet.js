"use strict";
// The field sheet's script: records each tap in localStorage at once, undoes taps, and writes the
// results as canvass/fieldresult reads them (the Go package's doc comment has the format; a Go
// test holds this file to it). Nothing here talks to a network; the position is never stored.
(function () {
  var S = JSON.parse(document.getElementById("sheet").textContent);
  var KEY = "pap1:" + S.c + ":" + S.f + ":" + S.t;
  var $ = function (q, el) { return (el || document).querySelector(q); };
  var $$ = function (q, el) { return Array.prototype.slice.call((el || document).querySelectorAll(q)); };
  var doors = $$(".door");
  var labels = {};
  $$("#panel .outs button").forEach(function (b) { labels[b.dataset.o] = b.textContent; });

  var TABLE = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();
  // crc32 is the CRC-32 (IEEE) of s in Unicode NFC as UTF-8, in 8 hex digits, as Go's Checksum.
  function crc32(s) {
    var bytes = new TextEncoder().encode(s.normalize("NFC")), c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
    return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
  }

  function fresh() { return { doors: {}, notes: {}, undo: [], cur: doors.length ? +doors[0].dataset.i : 0, view: "walk" }; }
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(KEY));
      if (s && s.doors && s.notes && s.undo) return s;
    } catch (e) { /* unreadable: start afresh */ }
    return fresh();
  }
  var st = load();
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(st)); } catch (e) { alert("Enregistrement impossible sur ce téléphone : ne fermez pas la page avant d'avoir envoyé les résultats."); }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function now() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function door(i) { return $('.door[data-i="' + i + '"]'); }
  // next is the first door after i (then from the start) with no outcome yet, or 0.
  function next(i) {
    var order = doors.map(function (b) { return +b.dataset.i; });
    var k = order.indexOf(i);
    for (var j = 1; j <= order.length; j++) {
      var d = order[(k + j) % order.length];
      if (!st.doors[d]) return d;
    }
    return 0;
  }

  function encode() {
    var recs = [];
    Object.keys(st.doors).forEach(function (i) { recs.push([st.doors[i][1], 0, +i, st.doors[i][0]]); });
    Object.keys(st.notes).forEach(function (k) { var p = k.split(":"); recs.push([st.notes[k], 1, +p[0], p[1]]); });
    recs.sort(function (a, b) {
      if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
      if (a[1] !== b[1]) return a[1] - b[1];
      if (a[2] !== b[2]) return a[2] - b[2];
      return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
    });
    var lines = ["PAP1 c=" + S.c + " f=" + S.f + " t=" + S.t + " p=" + S.p], day = "";
    recs.forEach(function (r) {
      if (r[0].slice(0, 10) !== day) { day = r[0].slice(0, 10); lines.push("@" + day); }
      lines.push((r[1] ? "r" : "") + r[2] + " " + r[3] + " " + r[0].slice(11));
    });
    var body = lines.join("\n");
    return body + "\n#" + crc32(body);
  }

  function render() {
    var done = 0;
    doors.forEach(function (b) {
      var o = st.doors[b.dataset.i];
      if (o) { b.dataset.o = o[0]; done++; } else { delete b.dataset.o; }
      $("small", b).textContent = o ? labels[o[0]] : "";
      b.classList.toggle("cur", +b.dataset.i === st.cur);
    });
    $$("#map [data-i]").forEach(function (c) {
      var o = st.doors[c.dataset.i];
      if (o) c.dataset.o = o[0]; else delete c.dataset.o;
    });
    $$(".notes button").forEach(function (b) { b.setAttribute("aria-pressed", st.notes[b.dataset.s + ":" + b.dataset.n] ? "true" : "false"); });
    $("#count").textContent = done + "/" + doors.length;
    var cur = door(st.cur);
    $("#current").textContent = cur ? "N° " + cur.firstChild.textContent + " · " + cur.closest(".stop").dataset.street : "Toutes les portes sont notées";
    $$("#panel .outs button").forEach(function (b) { b.disabled = !cur; });
    $("#undo").disabled = st.undo.length === 0;
    $$(".view").forEach(function (v) { v.hidden = v.id !== st.view; });
    $$(".bar nav button").forEach(function (b) { b.setAttribute("aria-pressed", b.dataset.view === st.view ? "true" : "false"); });
    $("#panel").hidden = st.view !== "walk";
    if (st.view === "finish") finish(done);
  }

  function finish(done) {
    var counts = {};
    Object.keys(st.doors).forEach(function (i) { var o = st.doors[i][0]; counts[o] = (counts[o] || 0) + 1; });
    $("#summary").textContent = done + " porte(s) notée(s) sur " + doors.length +
      Object.keys(labels).filter(function (o) { return counts[o]; }).map(function (o) { return " · " + labels[o] + " : " + counts[o]; }).join("");
    $("#results").value = encode();
  }

  function tap(entry) {
    st.undo.push(entry);
    if (st.undo.length > 500) st.undo.shift();
  }
  function showCurrent() {
    var b = door(st.cur);
    if (!b) return;
    var r = b.getBoundingClientRect(), panel = $("#panel").getBoundingClientRect().top;
    if (r.top < 90 || r.bottom > panel) window.scrollBy(0, r.top - 100);
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (!b) return;
    if (b.dataset.view) {
      st.view = b.dataset.view;
      save(); render(); window.scrollTo(0, 0);
    } else if (b.classList.contains("door")) {
      st.cur = +b.dataset.i;
      save(); render();
    } else if (b.dataset.o && st.cur) {
      tap(["d", st.cur, st.doors[st.cur] || null, st.cur]);
      st.doors[st.cur] = [b.dataset.o, now()];
      st.cur = next(st.cur);
      save(); render(); showCurrent();
    } else if (b.dataset.n) {
      var k = b.dataset.s + ":" + b.dataset.n;
      tap(["n", k, st.notes[k] || null, st.cur]);
      if (st.notes[k]) delete st.notes[k]; else st.notes[k] = now();
      save(); render();
    } else if (b.id === "undo") {
      var u = st.undo.pop();
      if (!u) return;
      var box = u[0] === "d" ? st.doors : st.notes;
      if (u[2]) box[u[1]] = u[2]; else delete box[u[1]];
      st.cur = u[3];
      save(); render(); showCurrent();
    } else if (b.id === "copy") {
      copy();
    } else if (b.id === "download") {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([encode() + "\n"], { type: "text/plain;charset=utf-8" }));
      a.download = S.file;
      document.body.appendChild(a); a.click(); a.remove();
    } else if (b.id === "share") {
      navigator.share({ text: encode() }).catch(function () {});
    } else if (b.id === "locate") {
      locate();
    }
  });

  function copy() {
    var ta = $("#results"), said = function (m) { $("#copied").textContent = m; };
    var fallback = function () { ta.focus(); ta.select(); said(document.execCommand("copy") ? "Texte copié." : "Sélectionnez le texte et copiez-le."); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(ta.value).then(function () { said("Texte copié."); }, fallback);
    else fallback();
  }

  // locate shows where the volunteer stands, once per tap, if they allow it: the position goes on
  // the map and nowhere else.
  function locate() {
    var where = $("#where");
    if (!navigator.geolocation) { where.textContent = "Position indisponible sur ce téléphone."; return; }
    where.textContent = "Recherche de la position…";
    navigator.geolocation.getCurrentPosition(function (p) {
      var F = S.frame, x = F.X + (p.coords.longitude - F.Lon) * F.XPerLon, y = F.Y + (p.coords.latitude - F.Lat) * F.YPerLat;
      var svg = $("#map svg"), me = $("#me");
      if (!me) {
        me = document.createElementNS("http://www.w3.org/2000/svg", "circle");
        me.id = "me"; me.setAttribute("r", "9"); me.setAttribute("fill", "#ff8c00"); me.setAttribute("stroke", "#000"); me.setAttribute("stroke-width", "3");
        svg.appendChild(me);
      }
      me.setAttribute("cx", x.toFixed(1)); me.setAttribute("cy", y.toFixed(1));
      var inside = x >= 0 && y >= 0 && x <= F.Width && y <= F.Height;
      where.textContent = inside ? "Vous êtes au point orange (non enregistré)." : "Vous êtes hors de la carte du secteur.";
    }, function () { where.textContent = "Position refusée ou indisponible."; }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
  }

  if (navigator.share) $("#share").hidden = false;
  window.pap = { crc32: crc32, encode: encode };
  render();
  showCurrent();
})();
