// A small DOM for rendering the player's views under Node at build time (main.mjs):
// just what web/src's view modules use — elements, text, attributes, dataset, classList,
// simple selectors — and HTML serialisation. Events are ignored (nothing is played here).

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
// Attributes written bare (`disabled`, not `disabled=""`), as the old static pages had them.
const BARE = new Set(["disabled", "hidden", "checked", "required", "novalidate", "readonly", "selected", "multiple"]);
const REFLECTED = ["disabled", "hidden", "checked", "required"];

const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeText(s).replace(/"/g, "&quot;");

export class Text {
  constructor(data) {
    this.data = String(data);
    this.parentNode = null;
  }
  get textContent() { return this.data; }
  get outerHTML() { return escapeText(this.data); }
}

export class Element {
  constructor(tag, doc) {
    this.localName = tag;
    this.tagName = tag.toUpperCase();
    this.ownerDocument = doc;
    this.attributes = new Map();
    this.childNodes = [];
    this.parentNode = null;
    const el = this;
    const attr = (key) => "data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    this.dataset = new Proxy({}, {
      get: (_, key) => (typeof key === "string" ? el.getAttribute(attr(key)) ?? undefined : undefined),
      set: (_, key, value) => { el.setAttribute(attr(String(key)), value); return true; },
      deleteProperty: (_, key) => { el.removeAttribute(attr(String(key))); return true; },
      has: (_, key) => el.hasAttribute(attr(String(key))),
    });
    this.classList = {
      contains: (c) => el.className.split(/\s+/).includes(c),
      add: (c) => { if (!el.classList.contains(c)) el.className = (el.className + " " + c).trim(); },
      remove: (c) => { el.className = el.className.split(/\s+/).filter((x) => x && x !== c).join(" "); },
      toggle: (c, on = !el.classList.contains(c)) => { (on ? el.classList.add : el.classList.remove)(c); return on; },
    };
  }

  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  hasAttribute(name) { return this.attributes.has(name); }
  removeAttribute(name) { this.attributes.delete(name); }

  get id() { return this.getAttribute("id") || ""; }
  set id(v) { this.setAttribute("id", v); }
  get className() { return this.getAttribute("class") || ""; }
  set className(v) { this.setAttribute("class", v); }
  get value() {
    return this.localName === "textarea" ? this.textContent : this.getAttribute("value") ?? "";
  }
  set value(v) {
    if (this.localName === "textarea") this.textContent = v;
    else this.setAttribute("value", v);
  }

  get children() { return this.childNodes.filter((n) => n instanceof Element); }
  get nextSibling() {
    const siblings = this.parentNode ? this.parentNode.childNodes : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get isConnected() {
    let node = this;
    while (node.parentNode) node = node.parentNode;
    return node === this.ownerDocument.documentElement;
  }

  #adopt(node) {
    if (typeof node === "string" || typeof node === "number") return new Text(node);
    if (node.parentNode) node.remove();
    return node;
  }
  append(...nodes) {
    for (const n of nodes) {
      const node = this.#adopt(n);
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }
  appendChild(node) { this.append(node); return node; }
  insertBefore(node, ref) {
    if (ref == null) return this.appendChild(node);
    const child = this.#adopt(node);
    child.parentNode = this;
    this.childNodes.splice(this.childNodes.indexOf(ref), 0, child);
    return child;
  }
  remove() {
    if (!this.parentNode) return;
    const siblings = this.parentNode.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }
  replaceChildren(...nodes) {
    for (const n of this.childNodes) n.parentNode = null;
    this.childNodes = [];
    this.append(...nodes);
  }

  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }
  set textContent(v) { this.replaceChildren(...(v === "" || v == null ? [] : [String(v)])); }

  get innerHTML() { return this.childNodes.map((n) => n.outerHTML).join(""); }
  get outerHTML() {
    const attrs = [...this.attributes].map(([k, v]) => (v === "" && BARE.has(k) ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join("");
    return VOID.has(this.localName) ? `<${this.localName}${attrs}>` : `<${this.localName}${attrs}>${this.innerHTML}</${this.localName}>`;
  }

  *#descendants() {
    for (const n of this.children) {
      yield n;
      yield* n.#descendants();
    }
  }
  querySelectorAll(selector) {
    const tests = selector.split(",").map((s) => compile(s.trim()));
    return [...this.#descendants()].filter((n) => tests.some((test) => test(n)));
  }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }

  addEventListener() { /* nothing is played at build time */ }
  removeEventListener() {}
  focus() {}
  getBoundingClientRect() { return { top: 0, left: 0, width: 0, height: 0 }; }
}

for (const name of ["src", "href", "placeholder"]) { // string properties that are attributes
  Object.defineProperty(Element.prototype, name, {
    get() { return this.getAttribute(name) ?? ""; },
    set(v) { this.setAttribute(name, v); },
  });
}
for (const name of REFLECTED) {
  Object.defineProperty(Element.prototype, name, {
    get() { return this.hasAttribute(name); },
    set(on) { if (on) this.setAttribute(name, ""); else this.removeAttribute(name); },
  });
}

// Compound selectors only: tag, #id, .class, [attr], [attr=value], :not([attr]).
function compile(selector) {
  const m = /^([a-z][a-z0-9-]*)?((?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:=[\w-]+)?\]|:not\(\[[\w-]+\]\))*)$/i.exec(selector);
  if (!m) throw new Error(`prerender DOM: unsupported selector ${JSON.stringify(selector)}`);
  const tag = m[1] && m[1].toLowerCase();
  const parts = m[2].match(/#[\w-]+|\.[\w-]+|\[[\w-]+(?:=[\w-]+)?\]|:not\(\[[\w-]+\]\)/g) || [];
  return (node) => (!tag || node.localName === tag) && parts.every((p) => {
    if (p[0] === "#") return node.id === p.slice(1);
    if (p[0] === ".") return node.classList.contains(p.slice(1));
    if (p[0] === "[") {
      const [name, value] = p.slice(1, -1).split("=");
      return value === undefined ? node.hasAttribute(name) : node.getAttribute(name) === value;
    }
    return !node.hasAttribute(p.slice(6, -2)); // :not([attr])
  });
}

export class Document {
  constructor() {
    this.title = "";
    this.documentElement = new Element("html", this);
    this.body = new Element("body", this);
    this.documentElement.append(this.body);
  }
  createElement(tag) { return new Element(tag.toLowerCase(), this); }
  createElementNS(_ns, tag) { return new Element(tag, this); }
  createTextNode(text) { return new Text(text); }
  querySelectorAll(selector) { return this.documentElement.querySelectorAll(selector); }
  querySelector(selector) { return this.documentElement.querySelector(selector); }
  getElementById(id) { return this.querySelector(`#${id}`); }
}
