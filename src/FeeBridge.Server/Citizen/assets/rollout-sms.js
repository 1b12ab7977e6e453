// The SMS editor's live count (Areas/Staff/Pages/Rollout/Communication/Sms.cshtml). The count itself is the API's
// (POST /api/v1/rollout/sms/segments, the C# SmsCounter): this script only asks it while the person types, shows the
// answer as the page does without script, and applies the replacements it offers. No inline script (CSP).
(() => {
  const form = document.querySelector("form[data-sms-editor]");
  if (!form) return;
  const text = form.querySelector("#sms-tekst");
  const region = form.querySelector("[data-sms-count]");
  const recount = form.querySelector("[data-recount]");
  const endpoint = form.dataset.endpoint;
  let asked = 0;
  let timer = null;

  const invisible = /^[\s\p{Cc}\p{Cf}]$/u;
  // As SmsModel.Shown and ShownReplacement: an invisible character by its code point, an invisible stand-in in words.
  const shown = (s) => [...s].every((ch) => invisible.test(ch))
    ? [...s].map((ch) => "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(" ")
    : s;
  const shownReplacement = (s) => ({ "": "ingenting", " ": "almindeligt mellemrum", "\n": "linjeskift" })[s] ?? s;
  const summary = (c) => `${c.segments} SMS · ${c.characters} tegn · ${c.encoding} (${c.perSegment} tegn pr. ${c.segments > 1 ? "del" : "SMS"})`;

  const element = (tag, attributes = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
    e.append(...children);
    return e;
  };

  function render(c) {
    region.dataset.encoding = c.encoding;
    region.dataset.characters = c.characters;
    region.dataset.segments = c.segments;
    const parts = [element("p", { class: "sms-summary", "data-summary": "" }, element("strong", {}, summary(c)))];
    if (c.outsideGsm.length > 0) {
      const body = element("div", { class: "alert-body" },
        element("p", { class: "alert-heading" }, "Teksten sendes som UCS-2"),
        element("p", { class: "alert-text" }, "Disse tegn findes ikke i GSM-alfabetet: ",
          element("span", { "data-outside": "" }, c.outsideGsm.map(shown).join(" "))));
      if (c.replacements.length > 0) {
        body.append(element("ul", { class: "nobullet-list sms-replacements", "data-replacements": "" },
          ...c.replacements.map((r) => element("li", {}, element("button",
            { type: "submit", class: "button button-secondary", name: "erstat", value: r.character, "data-from": r.character, "data-to": r.replacement },
            `Erstat ${shown(r.character)} (${r.description}) med ${shownReplacement(r.replacement)}`)))));
        body.append(element("button", { type: "submit", class: "button button-primary", name: "erstat", value: "*", "data-replace-all": "" }, "Erstat alle"));
      }
      if (c.replacements.length < c.outsideGsm.length) {
        body.append(element("p", { class: "alert-text", "data-no-replacement": "" },
          "Emoji og tegn fra andre alfabeter har ingen erstatning. Fjern dem, hvis teksten skal være GSM-7."));
      }
      parts.push(element("div", { class: "alert alert-warning", "data-outside-alert": "" }, body));
    }
    region.replaceChildren(...parts);
  }

  async function count() {
    const mine = ++asked;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text: text.value }),
      });
      if (!response.ok) return;
      const c = await response.json();
      if (mine === asked) render(c); // an older answer arriving late never overwrites a newer one
    } catch {
      // Offline for a moment: the last count stays, and "Tæl igen" (shown again) posts the form.
      recount.hidden = false;
    }
  }

  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(count, 250);
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button === recount) { event.preventDefault(); count(); return; }
    if (button.name !== "erstat") return;
    event.preventDefault();
    const pairs = button.hasAttribute("data-replace-all")
      ? [...region.querySelectorAll("button[data-from]")].map((b) => [b.dataset.from, b.dataset.to])
      : [[button.dataset.from, button.dataset.to]];
    for (const [from, to] of pairs) text.value = text.value.split(from).join(to);
    text.focus();
    count();
  });
  recount.hidden = true;
})();
