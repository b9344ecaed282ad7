/**
 * The batch page: cancel and retry through the JSON API, and, while the batch runs, a live bar and a
 * reload once the batch has finished (the table is drawn by the server).
 */
import { SSEService, csrfToken } from "../progress/sse_service.js";

const FINISHED = new Set(["completed", "cancelled", "failed"]);
const root = document.getElementById("batch-page");
const result = document.getElementById("action-result");

for (const form of document.querySelectorAll("form[data-api-action]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        result.textContent = answer.detail || `That did not work (HTTP ${response.status}).`;
        button.disabled = false;
        return;
      }
      result.textContent =
        form.dataset.apiAction === "cancel"
          ? `Cancelled ${answer.cancelled} queued files.`
          : `Retrying ${answer.retried} files.`;
      window.location.reload();
    } catch {
      result.textContent = "The server did not answer; try again.";
      button.disabled = false;
    }
  });
}

if (!FINISHED.has(root.dataset.status)) {
  const bar = document.getElementById("batch-bar");
  const service = new SSEService();
  service.onProgress((progress) => {
    if (!progress || progress.batch_id !== root.dataset.batchId) return;
    if (bar && progress.completed >= bar.value) {
      bar.max = Math.max(progress.total, 1);
      bar.value = progress.completed;
    }
    if (FINISHED.has(progress.status)) {
      service.disconnect();
      window.location.reload();
    }
  });
  service.connect(root.dataset.userId);
}
