// Polls this node's /api/status every second and renders it. Text only goes in through
// textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let lastOk = 0;

function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function render(s) {
  $("self").textContent = s.node.id;
  $("self-role").textContent = s.node.role;
  $("leader").textContent = s.leader || "none";
  $("term").textContent = s.term;
  $("commit-index").textContent = s.commit_index;
  $("applied-index").textContent = s.applied_index;
  $("ops").textContent = s.throughput.ops_per_sec;
  $("writes").textContent = s.throughput.writes_per_sec;
  $("applied-rate").textContent = s.throughput.applied_entries_per_sec;

  const banner = $("banner");
  if (!s.in_cluster) {
    banner.className = "banner down";
    banner.textContent = "Not part of a cluster: " + s.unavailable_reason;
  } else if (s.available) {
    banner.className = "banner ok";
    banner.textContent = "Quorum OK: " + s.members.length + (s.members.length === 1 ? " member" : " members") + ", leader " + s.leader;
  } else {
    banner.className = "banner down";
    banner.textContent = "NO QUORUM: " + s.unavailable_reason;
  }

  const body = document.querySelector("#members tbody");
  const rows = [];
  for (const m of s.members) {
    const tr = document.createElement("tr");
    tr.dataset.id = m.id;
    tr.dataset.role = m.role;
    tr.className = m.role + (m.self ? " self" : "");
    cell(tr, m.id + (m.self ? " (this node)" : ""));
    cell(tr, m.role, "role-" + m.role);
    cell(tr, m.raft_addr);
    cell(tr, m.redis_addr);
    cell(tr, m.match_index, "num");
    cell(tr, m.lag, "num" + (m.lag > 100 ? " lagging" : ""));
    cell(tr, m.last_contact_ms == null ? "–" : m.last_contact_ms + " ms", "num");
    rows.push(tr);
  }
  body.replaceChildren(...rows);
  $("match-note").textContent = s.match_exact
    ? "Match indexes are this leader's; lag is entries behind its log."
    : "Seen from a follower: match indexes are the commit indexes last heard of; the leader's dashboard has exact ones.";
}

async function refresh() {
  try {
    const response = await fetch("/api/status", { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    render(await response.json());
    lastOk = Date.now();
    $("updated").textContent = "updated " + new Date(lastOk).toLocaleTimeString();
  } catch (e) {
    const banner = $("banner");
    banner.className = "banner down";
    banner.textContent = "Cannot reach this node's status: " + e.message
      + (lastOk ? " (last update " + new Date(lastOk).toLocaleTimeString() + ")" : "");
  }
}

refresh();
setInterval(refresh, 1000);
