// Build step (engine/web/build.py): render each simulation's first view with the
// player's own view code (web/src/play/view.js) on a small DOM (dom.mjs), so a
// simulation's page holds its first scene before any script runs — narration, speaker,
// picture, status bar and the controls, disabled until the engine is ready.
//
// stdin:  {"base": "../", "ui": {...}, "art": [...], "views": {sim_id: view}}
// stdout: {sim_id: {PLACEHOLDER: html, ...}} for web/play.html's %%PLACEHOLDERS%%
import { Document } from "./dom.mjs";
import { setConfig } from "../src/config.js";
import { settings, useConfigStrings } from "../src/settings.js";
import { renderView, freezeControls } from "../src/play/view.js";
import { inertContext } from "../src/play/context.js";

/** The play page's elements that views render into (ids as in web/play.html). */
function playSkeleton(doc) {
  const e = (tag, id, attrs = {}) => {
    const node = doc.createElement(tag);
    node.id = id;
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  const speaker = e("figure", "speaker", { hidden: "" });
  speaker.append(e("img", "portrait", { hidden: "" }), e("strong", "speaker-name"), e("span", "speaker-role"));
  const main = e("main", "main");
  main.append(e("h1", "sim-title"), e("img", "background", { hidden: "" }), e("section", "hud", { hidden: "" }),
    e("div", "notices"), speaker, e("div", "narration"), e("div", "interaction"));
  doc.body.append(main);
}

/** The attributes a view changes on an <img>: its src, or hidden. */
const imgAttrs = (img) => (img.hasAttribute("src") ? ` src="${img.outerHTML.match(/ src="([^"]*)"/)[1]}"` : "") +
  (img.hidden ? " hidden" : "");
const hiddenAttr = (node) => (node.hidden ? " hidden" : "");

export function prerender({ base, ui, art, views }) {
  setConfig({ base, ui, art });
  settings.lang = "en";
  useConfigStrings();
  const out = {};
  for (const [simId, view] of Object.entries(views)) {
    const doc = new Document();
    globalThis.document = doc;
    playSkeleton(doc);
    renderView(view, true, inertContext(simId));
    freezeControls();
    const $ = (id) => doc.getElementById(id);
    out[simId] = {
      BG_ATTR: imgAttrs($("background")),
      HUD: $("hud").innerHTML,
      HUD_HIDDEN: hiddenAttr($("hud")),
      NOTICES: $("notices").innerHTML,
      SPEAKER_HIDDEN: hiddenAttr($("speaker")),
      PORTRAIT_ATTR: imgAttrs($("portrait")),
      SPEAKER_NAME: $("speaker-name").innerHTML,
      SPEAKER_ROLE: $("speaker-role").innerHTML,
      NARRATION: $("narration").innerHTML,
      PHASE: $("interaction").dataset.phase,
      INTERACTION: $("interaction").innerHTML,
    };
  }
  delete globalThis.document;
  return out;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = JSON.parse(await readStdin());
  process.stdout.write(JSON.stringify(prerender(input)));
}
