// Copy buttons for the FI +71 payment line: <button data-copy="id-of-element">. No inline script (CSP).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copy + "-status");
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    if (status) status.textContent = "Kopieret";
  } catch {
    if (status) status.textContent = "Kunne ikke kopiere. Markér linjen og kopiér den selv.";
  }
});
