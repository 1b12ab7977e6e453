// The flow of the changed workflows (Areas/Staff/Pages/Rollout/Communication/Workflow.cshtml): bpmn-js's navigated
// viewer (served from the build) draws the municipality's BPMN as the API gives it; a button per moment zooms to it;
// SVG comes from the viewer's saveSVG and PNG from drawing that SVG on a canvas. No inline script (CSP).
(() => {
  const flow = document.querySelector("[data-flow]");
  if (!flow || typeof BpmnJS === "undefined") return;
  const status = flow.querySelector("[data-status]");
  const viewer = new BpmnJS({ container: flow.querySelector("[data-canvas]") });
  const canvas = () => viewer.get("canvas");

  function save(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // The whole flow, or one moment: the steps inside its frame (a group as wide as the moment, as high as the pool).
  function zoomTo(id) {
    if (!id) { canvas().zoom("fit-viewport", "auto"); return; }
    const registry = viewer.get("elementRegistry");
    const frame = registry.get(id);
    if (!frame) return;
    const steps = registry.filter((e) => !e.waypoints && e.type !== "label" && e !== frame && !/^bpmn:(Group|Lane|Participant)$/.test(e.type)
      && e.x >= frame.x && e.x + e.width <= frame.x + frame.width);
    if (steps.length === 0) return;
    const top = Math.min(...steps.map((e) => e.y)) - 50;
    const bottom = Math.max(...steps.map((e) => e.y + e.height)) + 90;
    // The first moment starts right after the lanes' names: show them too.
    const pool = registry.filter((e) => e.type === "bpmn:Participant")[0];
    const left = pool && frame.x - pool.x < 120 ? pool.x : frame.x - 10;
    canvas().viewbox({ x: left, y: top, width: frame.x + frame.width + 10 - left, height: bottom - top });
  }

  async function svg() {
    const { svg } = await viewer.saveSVG();
    return svg;
  }

  // The SVG drawn on a white canvas at twice its size, for posters and slides.
  async function png() {
    const text = await svg();
    const image = new Image();
    const loaded = new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; });
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
    await loaded;
    const scale = 2;
    const drawing = document.createElement("canvas");
    drawing.width = Math.ceil(image.naturalWidth * scale);
    drawing.height = Math.ceil(image.naturalHeight * scale);
    const context = drawing.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, drawing.width, drawing.height);
    context.drawImage(image, 0, 0, drawing.width, drawing.height);
    return new Promise((resolve) => drawing.toBlob(resolve, "image/png"));
  }

  flow.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-zoom")) { zoomTo(button.dataset.zoom); return; }
    const file = flow.dataset.file;
    if (button.dataset.download === "svg") save(new Blob([await svg()], { type: "image/svg+xml" }), file + ".svg");
    if (button.dataset.download === "png") save(await png(), file + ".png");
  });

  (async () => {
    try {
      const response = await fetch(flow.dataset.bpmnUrl, { credentials: "same-origin" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      await viewer.importXML(await response.text());
      zoomTo(flow.querySelector("[data-zoom]:not([data-zoom=''])")?.dataset.zoom);
      flow.querySelector("[data-moments]").hidden = false;
      flow.querySelectorAll("button[data-download]").forEach((b) => { b.hidden = false; });
      status.textContent = "Diagrammet er vist. Vælg et af øjeblikkene for at se det tæt på, eller træk og zoom i diagrammet.";
      flow.dataset.shown = "true";
    } catch (error) {
      status.textContent = "Diagrammet kunne ikke vises (" + error.message + "). Hent .bpmn-filen og åbn den i bpmn.io.";
    }
  })();
})();
