// The parts of "My test-drives" made from engine/profile.py's answer: the simulations
// tried (ending, rating, date, reflections, a certificate to print), skills with their
// evidence, and what to try next. The page only shows what the engine worked out.
import { el } from "../dom.js";
import { config } from "../config.js";
import { pick, t } from "../i18n.js";
import { settings } from "../settings.js";
import { store } from "../store.js";

const HOW = { good: "profile_how_good", right: "profile_how_right", partly: "profile_how_partly" };

/** A scene id as words ("dose_check" -> "dose check"), when the engine gives no text for it. @param {string} id */
function readable(id) {
  return String(id || "").replace(/[_-]+/g, " ").trim();
}

/** A simulation's title from the page's catalogue, or its id when this build lacks it. @param {string} id */
function simTitle(id) {
  const sim = (config.catalog || []).find((/** @type {any} */ s) => s.id === id);
  return sim ? pick(sim.title) : id;
}

/** @param {string} iso */
function dateText(iso) {
  const d = new Date(iso);
  return iso && !Number.isNaN(d.getTime())
    ? d.toLocaleDateString(settings.lang === "es" ? "es" : "en", { dateStyle: "long" }) : "";
}

/** @param {number} rating @param {number} max */
function ratingText(rating, max) {
  return t("rating_n", { n: rating ?? 0, max: max || 3 });
}

/** What the student typed at a simulation's reflection questions (ctd.reflect.<sim>.<n>),
 * with the questions when this device still has that ending's screen. @param {string} simId */
export function reflections(simId) {
  const last = store.json(`ctd.view.${simId}`, null);
  const questions = (last && last.ending && last.ending.debrief && last.ending.debrief.reflection) || [];
  const out = [];
  for (let i = 0; i < 20; i++) {
    const answer = store.get(`ctd.reflect.${simId}.${i}`);
    if (answer && answer.trim()) out.push({ question: questions[i] || t("profile_question_n", { n: i + 1 }), answer });
  }
  return out;
}

/** The skills each play's simulation gave evidence of. @param {any} profile @param {string} simId */
function skillsOf(profile, simId) {
  return (profile.skills || []).filter((s) => (s.evidence || []).some((e) => e.sim === simId)).map((s) => s.name);
}

/**
 * One play's certificate, like the one at its ending (web/src/play/ending.js).
 * @param {any} play @param {any} profile @param {string} code
 */
export function certificate(play, profile, code) {
  const name = store.get("ctd.studentName") || t("cert_student");
  const skills = skillsOf(profile, play.sim);
  return el("div", { class: "certificate" },
    el("p", { class: "cert-title" }, t("cert_title")),
    el("p", {}, t("cert_this_certifies")), el("p", {}, el("strong", { class: "cert-name" }, name)),
    el("p", {}, t("cert_completed", { sim: play.title })),
    el("p", {}, `${play.ending_title} — ${ratingText(play.rating, play.max_rating)}`),
    skills.length ? el("p", {}, t("cert_skills", { skills: skills.join(", ") })) : null,
    el("p", { class: "cert-date" }, dateText(play.at)),
    code ? el("p", { class: "cert-code" }, t("cert_code"), " ", el("code", {}, code)) : null);
}

/**
 * @param {any} profile engine/profile.py's build_profile answer
 * @param {any[]} stored the plays as kept (ctd.profile), for their codes
 * @param {(play: any, code: string) => void} printCertificate
 */
export function renderPlays(profile, stored, printCertificate) {
  const plays = profile.plays || [];
  const refused = profile.refused || [];
  if (!plays.length && !refused.length) {
    return [el("p", { id: "no-plays" }, t("profile_none")),
      el("p", {}, el("a", { href: config.base + "index.html" }, t("choose_simulation")))];
  }
  const lastOf = new Map(plays.map((p, i) => [p.sim, i]));
  const items = plays.map((/** @type {any} */ play, /** @type {number} */ i) => {
    const code = play.code || (stored.find((s) => s.sim === play.sim && s.at === play.at) || {}).code || "";
    const headId = `play-${i}`;
    const dl = el("dl", { class: "facts" });
    /** @param {string} key @param {any} value */
    const row = (key, value) => { if (value != null && value !== "") dl.append(el("dt", {}, t(key)), el("dd", {}, value)); };
    row("profile_career", play.career);
    row("profile_ending", play.ending_title);
    row("profile_rating", ratingText(play.rating, play.max_rating));
    row("profile_when", dateText(play.at));
    row("profile_minutes", play.minutes ? t("minutes_n", { n: play.minutes }) : "");
    // Reflections are kept per simulation: shown under its latest play.
    const answers = lastOf.get(play.sim) === i ? reflections(play.sim) : [];
    return el("li", { class: "play", "data-sim": play.sim },
      el("article", { "aria-labelledby": headId },
        el("h3", { id: headId }, play.title),
        dl,
        answers.length ? el("div", { class: "reflections" }, el("h4", {}, t("reflection")),
          el("dl", {}, ...answers.flatMap((a) => [el("dt", {}, a.question), el("dd", {}, a.answer)]))) : null,
        el("div", { class: "profile-actions no-print" },
          el("button", { type: "button", class: "button", "aria-describedby": headId,
            onclick: () => printCertificate(play, code) }, t("print_certificate")),
          el("a", { class: "button", href: `${config.base}sims/${play.sim}.html`, "aria-describedby": headId },
            t("profile_play_again")))));
  });
  return [
    plays.length ? el("ul", { class: "plays" }, ...items) : el("p", { id: "no-plays" }, t("profile_none")),
    refused.length ? el("div", { class: "refused", id: "refused" }, el("h3", {}, t("profile_refused")),
      el("ul", {}, ...refused.map((/** @type {any} */ r) => el("li", {}, el("strong", {}, simTitle(r.sim)), ": ", r.reason)))) : null,
  ];
}

/** Each skill with where it was used well. @param {any} profile */
export function renderSkills(profile) {
  const skills = profile.skills || [];
  if (!skills.length) return [el("p", {}, t("profile_no_skills"))];
  return [el("ul", { class: "skills" }, ...skills.map((/** @type {any} */ s) => el("li", { "data-skill": s.id },
    el("strong", {}, s.name),
    el("ul", { class: "evidence" }, ...(s.evidence || []).map((/** @type {any} */ e) => el("li", {},
      t("profile_evidence", { sim: e.sim_title || e.sim, scene: e.what || readable(e.scene),
        how: t(HOW[/** @type {keyof HOW} */ (e.how)] || "profile_how_good") })))))))];
}

/** Next test-drives, careers by fit and one stretch career. @param {any} profile */
export function renderNext(profile) {
  const next = profile.next || {};
  const sims = next.simulations || [];
  const careers = next.careers || [];
  const parts = [];
  parts.push(el("h3", {}, t("profile_next_sims")));
  parts.push(sims.length
    ? el("ul", { class: "next-sims" }, ...sims.map((/** @type {any} */ s) => el("li", { "data-sim": s.id },
      el("a", { href: `${config.base}sims/${s.id}.html` }, s.title), s.why ? ` — ${s.why}` : "")))
    : el("p", {}, t("profile_tried_all")));
  parts.push(el("h3", {}, t("profile_next_careers")));
  parts.push(careers.length
    ? el("ol", { class: "next-careers" }, ...careers.map((/** @type {any} */ c) => el("li", { "data-career": c.id },
      c.title, c.fit != null && c.fit !== "" ? ` — ${typeof c.fit === "number" ? t("profile_fit", { n: Math.round(c.fit * 100) }) : c.fit}` : "")))
    : el("p", {}, t("profile_no_careers")));
  if (next.careers_note) parts.push(el("p", { class: "hint" }, next.careers_note));
  if (next.stretch) {
    parts.push(el("h3", {}, t("profile_stretch")));
    parts.push(el("p", { class: "stretch", "data-career": next.stretch.id }, el("strong", {}, next.stretch.title),
      next.stretch.why ? ` — ${next.stretch.why}` : ""));
  }
  return parts;
}
