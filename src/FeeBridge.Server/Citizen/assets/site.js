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

// A file field with data-max-bytes: a file over the limit is refused before it is sent (the server refuses it too,
// but past its request limit only with a bare error), the reason shown in the field's error line.
document.addEventListener("submit", (event) => {
  const input = event.target.querySelector("input[type=file][data-max-bytes]");
  const file = input?.files?.[0];
  if (!file || file.size <= Number(input.dataset.maxBytes)) return;
  event.preventDefault();
  const message = document.getElementById(input.dataset.tooLarge);
  const mb = (n) => (n / (1024 * 1024)).toLocaleString("da-DK", { maximumFractionDigits: 1 });
  message.textContent = `Filen fylder ${mb(file.size)} MB; grænsen er ${mb(Number(input.dataset.maxBytes))} MB.`;
  message.hidden = false;
  input.closest(".form-group")?.classList.add("form-error");
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${message.id}`.trim());
  input.focus();
});
