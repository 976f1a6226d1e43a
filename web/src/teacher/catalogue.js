// The catalogue for teachers: what each simulation is, how long it takes, who it is for,
// what students do in it and the standards its authors cite (with their sources).
import { $, el } from "../dom.js";
import { config } from "../config.js";
import { pick, t } from "../i18n.js";

export function renderCatalogue() {
  const box = $("#catalogue-list");
  box.replaceChildren(...config.teacher.map((sim) => {
    const titleId = `cat-${sim.id}`;
    const dl = el("dl", { class: "facts" });
    const row = (key, value) => {
      if (value == null || value === "" || (Array.isArray(value) && !value.length)) return;
      dl.append(el("dt", {}, t(key)), el("dd", {}, value));
    };
    row("teacher_career", pick(sim.career));
    row("teacher_field", t(`field_${sim.field}`));
    row("teacher_minutes", t("teacher_minutes_about", { n: sim.minutes }));
    row("teacher_kiosk_minutes", !sim.kiosk ? t("teacher_no_kiosk")
      : sim.kiosk_minutes ? t("teacher_minutes_about", { n: sim.kiosk_minutes }) : t("teacher_has_kiosk"));
    row("teacher_grades", sim.grades);
    row("teacher_languages", sim.languages.map((l) => t(`teacher_lang_${l}`)).join(", "));
    row("teacher_versions", (sim.versions || []).join(", "));
    const objectives = sim.objectives.length
      ? [el("h4", {}, t("teacher_objectives")), el("ul", {}, ...sim.objectives.map((o) => el("li", {}, pick(o))))]
      : [];
    const standards = sim.standards.length
      ? el("ul", { class: "standards" }, ...sim.standards.map((s) => el("li", {},
        el("strong", {}, [s.framework, s.code].filter(Boolean).join(" ")), " ", pick(s.text),
        ...(s.sources || []).map((src) => el("span", { class: "source" }, ` (${t("teacher_source")}: `,
          src.url ? el("a", { href: src.url, rel: "noopener noreferrer" }, src.title || src.url) : src.title, ")")))))
      : el("p", {}, t("teacher_no_standards"));
    const guides = Object.entries(sim.guides || {}).map(([lang, href]) => el("li", {},
      el("a", { href: config.base + href, hreflang: lang, "aria-describedby": titleId },
        t("teacher_guide", { lang: t(`teacher_lang_${lang}`) }))));
    return el("article", { class: "teacher-sim", "data-sim": sim.id, "aria-labelledby": titleId },
      el("h3", { id: titleId }, pick(sim.title)),
      dl, ...objectives,
      el("h4", {}, t("teacher_standards")), standards,
      guides.length ? el("ul", { class: "guides" }, ...guides) : null);
  }));
}
