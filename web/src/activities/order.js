// order and sequence: put items in order by dragging, or with each item's Up and Down
// buttons (the keyboard's and screen reader's way; each move is announced).
import { el } from "../dom.js";
import { t } from "../i18n.js";

/** @param {HTMLFormElement} form @param {any} a */
export function render(form, a) {
  const hint = el("p", { class: "hint", id: "order-hint" }, t(a.kind === "order" ? "order_hint" : "sequence_hint"));
  const list = el("ol", { class: "order-list", "aria-describedby": "order-hint" });
  const live = el("p", { class: "sr-only", "aria-live": "polite" });
  /** @type {any} */
  let dragged = null;
  const refresh = () => {
    const rows = [...list.children];
    rows.forEach((li, i) => {
      li.querySelector(".up").disabled = i === 0;
      li.querySelector(".down").disabled = i === rows.length - 1;
    });
  };
  /** @param {any} li @param {number} delta */
  const move = (li, delta) => {
    const rows = [...list.children];
    const i = rows.indexOf(li);
    const j = i + delta;
    if (j < 0 || j >= rows.length) return;
    if (delta < 0) list.insertBefore(li, rows[j]);
    else list.insertBefore(rows[j], li);
    refresh();
    live.textContent = t("moved_to", { item: li.dataset.text, n: j + 1, total: rows.length });
    // Keep the focus on the button just used, or on its partner once at an end.
    const same = li.querySelector(delta < 0 ? ".up" : ".down");
    (same.disabled ? li.querySelector(delta < 0 ? ".down" : ".up") : same).focus();
  };
  for (const item of a.items) {
    const li = el("li", { class: "order-item", draggable: "true", "data-id": item.id, "data-text": item.text },
      el("span", { class: "grip", "aria-hidden": "true" }, "⠿"),
      el("span", { class: "text" }, item.text),
      el("span", { class: "moves" },
        el("button", { type: "button", class: "up small", "aria-label": `${t("move_up")}: ${item.text}` }, "▲"),
        el("button", { type: "button", class: "down small", "aria-label": `${t("move_down")}: ${item.text}` }, "▼")));
    li.querySelector(".up").addEventListener("click", () => move(li, -1));
    li.querySelector(".down").addEventListener("click", () => move(li, +1));
    li.addEventListener("dragstart", (/** @type {DragEvent} */ e) => {
      dragged = li;
      li.classList.add("dragging");
      if (e.dataTransfer) {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", item.id);
      }
    });
    li.addEventListener("dragend", () => { li.classList.remove("dragging"); dragged = null; refresh(); });
    li.addEventListener("dragover", (/** @type {DragEvent} */ e) => {
      if (!dragged || dragged === li) return;
      e.preventDefault();
      const rect = li.getBoundingClientRect();
      const after = e.clientY > rect.top + rect.height / 2;
      list.insertBefore(dragged, after ? li.nextSibling : li);
    });
    li.addEventListener("drop", (/** @type {Event} */ e) => e.preventDefault());
    list.append(li);
  }
  refresh();
  form.append(hint, list, live);
  return { getAnswer: () => [...list.children].map((li) => li.dataset.id) };
}
