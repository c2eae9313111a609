// The report's cascade view: who the treaties draw in, round by round, for the attacks given on the
// command line (report --cascade A:B), under the rule picked in the page. It draws from the data
// embedded in the page (data.cascades: each attack's CascadeAnswer.to_json() per rule) and loads
// nothing. Inlined by treatyrules.report.page after the report's own script.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var all = data.cascades || [];
  if (!all.length) return;
  var VERDICT = { bound: "bound", bound_if_judged: "bound if judged", not_bound: "not bound" };
  var pick = document.getElementById("cascade-pick");
  var box = document.getElementById("cascade-rounds");
  var panel = document.getElementById("cascade-chain");
  var current = { attack: 0, rule: "no" }, pinned = null, entries = {};

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function words(s) { return String(s).replace(/_/g, " "); }
  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function answer() { return all[current.attack].rules[current.rule]; }
  function name(code) { return all[current.attack].names[code] || code; }
  function withWhom(ans, side) { return "with " + (side === "attacked" ? ans.attacked : ans.attacker); }

  // A state's chip: coloured by side (class side-*), filled by verdict (v-*), ringed when torn.
  function chip(e, key) {
    var c = el("button", {
      type: "button", class: "cas-chip side-" + e.side + " v-" + e.verdict + (e.conflict ? " conflict" : ""),
      "data-entry": key, "data-state": e.state, "aria-label": e.state + " (" + name(e.state) + "), " +
        withWhom(answer(), e.side) + ", " + VERDICT[e.verdict] + (e.conflict ? ", conflict of obligations" : "")
    }, e.state);
    if (e.conflict) c.appendChild(el("span", { class: "cas-torn", "aria-hidden": "true" }, "⚔"));
    return c;
  }
  function premise(ans, side) {
    var code = side === "attacked" ? ans.attacked : ans.attacker;
    var c = el("span", { class: "cas-chip side-" + side + " v-bound premise", "data-state": code,
      title: name(code) + ": the " + (side === "attacked" ? "attacked state" : "attacker") }, code);
    var torn = ans.conflicts.some(function (x) { return x.state === code; });
    if (torn) { c.classList.add("conflict"); c.appendChild(el("span", { class: "cas-torn", "aria-hidden": "true" }, "⚔")); }
    return c;
  }
  function cell(list) {
    var td = el("div", { class: "cas-cell", role: "cell" });
    list.forEach(function (x) { td.appendChild(x); });
    return td;
  }
  function row(label, left, right) {
    var tr = el("div", { class: "cas-row", role: "row" });
    tr.appendChild(el("div", { class: "cas-round", role: "rowheader" }, label));
    tr.appendChild(cell(left));
    tr.appendChild(cell(right));
    return tr;
  }
  function summary(ans) {
    var drawn = {}, sides = { attacked: {}, attacker: {} };
    ans.rounds.forEach(function (r) {
      r.entries.forEach(function (e) { if (e.verdict !== "not_bound") { drawn[e.state] = 1; sides[e.side][e.state] = 1; } });
    });
    var n = ans.rounds.length;
    return "If " + ans.attacker + " attacks " + ans.attacked + " on " + ans.date + ": " +
      plural(Object.keys(drawn).length, "state") + " drawn in (" + Object.keys(sides.attacked).length + " with " +
      ans.attacked + ", " + Object.keys(sides.attacker).length + " with " + ans.attacker + ") over " +
      plural(n, "round") + "; " + plural(ans.conflicts.length, "conflict") + " of obligations" +
      (ans.assumption ? ". Note: " + ans.assumption + "." : ".");
  }
  function draw() {
    var ans = answer();
    entries = {}; pinned = null;
    box.textContent = "";
    var head = el("div", { class: "cas-row cas-head", role: "row" });
    ["Round", withWhom(ans, "attacked"), withWhom(ans, "attacker")].forEach(function (t) {
      head.appendChild(el("div", { role: "columnheader" }, t));
    });
    box.appendChild(head);
    box.appendChild(row("0", [premise(ans, "attacked")], [premise(ans, "attacker")]));
    ans.rounds.forEach(function (r) {
      var sides = { attacked: [], attacker: [] };
      r.entries.forEach(function (e, i) {
        var key = r.round + "|" + i;
        entries[key] = e;
        sides[e.side].push(chip(e, key));
      });
      box.appendChild(row(String(r.round), sides.attacked, sides.attacker));
    });
    document.getElementById("cascade-summary").textContent = summary(ans);
    var label = document.querySelector("input[name=cascade-rule][value=" + current.rule + "]").parentNode;
    document.getElementById("cascade-rule-words").textContent =
      "Rule " + current.rule + ": force in the war after the first attack (self-defence, and the other side's force " +
      "against those who defend) " + label.getAttribute("title") + ".";
    showNothing();
  }
  function showNothing() {
    panel.textContent = "";
    panel.appendChild(el("h3", {}, "The chain"));
    panel.appendChild(el("p", { class: "muted" }, "Hover or click a state for the articles that draw it in, link by link, back to the first attack."));
    mark(null);
  }
  // The states of an entry's chain, marked in the rounds (obligors and beneficiaries of its links).
  function mark(e) {
    var on = {};
    if (e) e.via.forEach(function (l) { on[l.obligor] = on[l.beneficiary] = 1; });
    box.querySelectorAll(".cas-chip").forEach(function (c) { c.classList.toggle("inchain", !!on[c.getAttribute("data-state")]); });
  }
  function judgements(title, list) {
    if (!list.length) return null;
    var div = el("div", {});
    div.appendChild(el("h4", {}, title));
    var ul = el("ul");
    list.forEach(function (j) {
      ul.appendChild(el("li", {}, words(j.condition) + " (" + j.treaty + " Art. " + j.article + ", " + j.obligor + "): " + j.why));
    });
    div.appendChild(ul);
    return div;
  }
  function show(key) {
    var e = entries[key], ans = answer();
    if (!e) return;
    panel.textContent = "";
    panel.appendChild(el("h3", {}, e.state + " (" + name(e.state) + "): " + withWhom(ans, e.side) + ", " + VERDICT[e.verdict]));
    var ol = el("ol", { class: "cas-via" });
    ol.appendChild(el("li", {}, "Round 0: " + ans.attacker + " attacks " + ans.attacked + " (the first attack)"));
    e.via.forEach(function (l) {
      var act = l.kind === "offence" ? " joins " : " → ";
      ol.appendChild(el("li", { class: "v-" + l.verdict }, "Round " + l.round + ": " + l.treaty + " Art. " + l.article + ", " +
        words(l.kind) + ": " + l.obligor + act + l.beneficiary + " against " + l.against + " (" + VERDICT[l.verdict] + ")"));
    });
    panel.appendChild(ol);
    // as the table does: a state not bound says what fails; one drawn in, what is to judge
    var why = e.verdict === "not_bound" ? judgements("Fails", e.fails) : judgements("To judge", e.needs_judgement);
    if (why) panel.appendChild(why);
    if (e.earlier) panel.appendChild(el("p", {}, "Firmer than its round-" + e.earlier.round + " entry (" + VERDICT[e.earlier.verdict] + ")."));
    if (e.conflict) panel.appendChild(el("p", { class: "cas-conflict" }, "⚔ Conflict of obligations: drawn in on both sides."));
    if (pinned) panel.appendChild(el("p", { class: "muted" }, "Kept: click it again (or Escape) to let go."));
    mark(e);
  }
  box.addEventListener("mouseover", function (ev) {
    var t = ev.target.closest(".cas-chip[data-entry]");
    if (t && !pinned) show(t.getAttribute("data-entry"));
  });
  box.addEventListener("mouseleave", function () { if (!pinned) showNothing(); });
  box.addEventListener("focusin", function (ev) {
    var t = ev.target.closest(".cas-chip[data-entry]");
    if (t && !pinned) show(t.getAttribute("data-entry"));
  });
  box.addEventListener("click", function (ev) {
    var t = ev.target.closest(".cas-chip[data-entry]");
    if (!t) return;
    var key = t.getAttribute("data-entry");
    box.querySelectorAll(".cas-chip.pinned").forEach(function (c) { c.classList.remove("pinned"); });
    if (pinned === key) { pinned = null; show(key); return; }
    pinned = key; t.classList.add("pinned"); show(key);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && pinned) {
      pinned = null;
      box.querySelectorAll(".cas-chip.pinned").forEach(function (c) { c.classList.remove("pinned"); });
      showNothing();
    }
  });
  pick.addEventListener("change", function () { current.attack = +pick.value; draw(); });
  document.querySelectorAll("input[name=cascade-rule]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { current.rule = r.value; draw(); } });
  });
  window.treatyCascade = {
    set: function (attack, rule) {
      current.attack = attack; current.rule = rule; pick.value = String(attack);
      document.querySelector("input[name=cascade-rule][value=" + rule + "]").checked = true;
      draw();
    },
    show: function (key) { show(key); return panel.textContent; }
  };
  draw();
})();
