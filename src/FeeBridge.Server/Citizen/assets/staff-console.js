// The staff console, keyboard first (no inline script: CSP). "/" goes to the desk's search field; from there the
// arrow keys move through the results (and back up to the field); "select all" ticks every row of a queue.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
  const search = document.querySelector("[data-search]");
  if (event.key === "/" && !typing && search) {
    event.preventDefault();
    const details = search.closest("details");
    if (details) details.open = true;
    search.focus();
    search.select();
    return;
  }
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...document.querySelectorAll("[data-results] a")];
  if (links.length === 0) return;
  if (target === search) {
    if (event.key === "ArrowDown") { event.preventDefault(); links[0].focus(); }
    return;
  }
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
  if (next < 0) search?.focus(); else links[next].focus();
});

document.addEventListener("change", (event) => {
  const all = event.target.closest("input[data-select-all]");
  if (!all) return;
  const form = all.closest("form");
  for (const box of form.querySelectorAll("input[type=checkbox][name=ItemIds]")) box.checked = all.checked;
});
