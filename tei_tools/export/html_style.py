"""The stylesheet inlined into every page the ``html`` exporter writes (kept apart to keep html.py short).

Screen: one readable column with a left margin for printed paragraph numbers; system fonts only.
Print: black on white, no panel background, stamps and page separators never split.
"""

CSS = """
:root {
  --ink: #1d1b17; --muted: #5c574c; --rule: #c9c1ae; --paper: #fffdf7; --panel: #f5f0e3;
  --accent: #8a2d17; --del: #7a1f1f; --margin: 3.25rem;
}
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body {
  margin: 0 auto; max-width: 48rem; padding: 2rem 1.5rem 3rem;
  font: 1.0625rem/1.6 Georgia, "Times New Roman", Times, serif;
  overflow-wrap: break-word;
}
a { color: var(--accent); }
a:focus-visible, abbr:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -100vw; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .4rem .8rem; z-index: 1; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.masthead { margin: 0 0 1.5rem; }
.series {
  margin: 0 0 .4rem; color: var(--muted);
  font: 600 .75rem/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; letter-spacing: .08em;
  text-transform: uppercase;
}
h1 { margin: 0; font-size: 1.75rem; line-height: 1.25; font-weight: 600; }
.metadata {
  margin: 0 0 2.5rem; padding: 1rem 1.25rem; border: 1px solid var(--rule); border-radius: 4px;
  background: var(--panel); font: .875rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
}
.metadata h2 {
  margin: 0 0 .75rem; color: var(--muted); font-size: .75rem; letter-spacing: .08em; text-transform: uppercase;
}
.metadata dl { display: grid; grid-template-columns: fit-content(12rem) minmax(0, 1fr); gap: .4rem 1.25rem; margin: 0; }
.metadata dt { font-weight: 600; color: var(--muted); }
.metadata dd { margin: 0; overflow-wrap: anywhere; }
.metadata ul { margin: 0; padding-left: 1.1rem; }
.document { padding-left: var(--margin); }
.classification {
  margin: 1.5rem 0; text-align: center; letter-spacing: .25em;
  font: 700 .95rem/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
}
.doc-head { margin: 0 0 1.5rem; text-align: center; font-size: 1.2rem; line-height: 1.45; font-weight: 600; }
hr.rule { margin: 1.75rem auto; width: 40%; border: 0; border-top: 1px solid var(--rule); }
.rule-note { margin: -1.5rem 0 1.5rem; text-align: center; }
p.para { position: relative; margin: 0 0 1em; text-align: left; hyphens: auto; }
.para-num {
  position: absolute; left: calc(-1 * var(--margin)); width: calc(var(--margin) - .9rem);
  text-align: right; color: var(--muted); font: 600 .85rem/1.9 system-ui, -apple-system, "Segoe UI", sans-serif;
}
del { text-decoration-line: line-through; text-decoration-thickness: .09em; color: var(--del); }
ins.add { text-decoration: underline dotted; background: #fbf3d0; }
.stamp {
  display: block; width: fit-content; max-width: 100%; margin: 1.75rem 0 1.75rem auto; padding: .55rem .9rem;
  border: 2px solid #4f5d75; border-radius: 3px; color: #2f3b52;
  font: 600 .8rem/1.5 "Courier New", Courier, monospace; letter-spacing: .04em; overflow-wrap: anywhere;
}
.stamp.place-top { margin-left: 0; }
.stamp-inline { display: inline; margin: 0; padding: 0 .3rem; border-width: 1px; }
span.fw { display: block; }
.fw { color: var(--muted); font: .8rem/1.4 "Courier New", Courier, monospace; margin: 1rem 0; }
.pb {
  display: flex; align-items: center; gap: .75rem; margin: 2rem 0 2rem calc(-1 * var(--margin));
  color: var(--muted); font: 600 .7rem/1 system-ui, -apple-system, "Segoe UI", sans-serif;
  letter-spacing: .12em; text-transform: uppercase;
}
.pb::before, .pb::after { content: ""; flex: 1; border-top: 1px dashed var(--rule); }
.tei-addrLine, .tei-l { display: block; }
.pb-inline { margin: 0 .3em; color: var(--muted); font: 600 .7rem system-ui, sans-serif; letter-spacing: .08em; }
abbr.gap, abbr.sic-mark { color: var(--accent); cursor: help; text-decoration: underline dotted; }
abbr.gap { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: .85em; }
.supplied, .unclear { color: var(--muted); }
.unclear { font-style: italic; }
.note-ref { font: .7em/0 system-ui, sans-serif; }
.note-ref a { text-decoration: none; }
.note-block { margin: 1rem 0; padding-left: .75rem; border-left: 3px solid var(--rule); font-size: .9rem; }
.tei-dateline, .tei-salute, .tei-signed, .tei-address, .tei-closer { margin: 0 0 .5rem; }
.notes { margin-top: 3rem; border-top: 1px solid var(--rule); font-size: .875rem; }
.notes h2 { font-size: 1rem; }
.notes .back { text-decoration: none; }
.colophon { margin-top: 3rem; color: var(--muted); font: .75rem system-ui, sans-serif; }
@media (max-width: 40rem) {
  :root { --margin: 2.25rem; }
  body { padding: 1rem; }
  .metadata dl { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  html, .metadata { background: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
  .skip, .colophon { display: none; }
  a { color: inherit; }
  .stamp, .pb, .metadata dl > * { break-inside: avoid; }
  h1, h2, .doc-head { break-after: avoid; }
}
"""
