/**
 * The batch page: cancel and retry through the JSON API, and, while the batch runs, a live bar and a
 * reload once the batch has finished (the table is drawn by the server).
 *
 * Finding people works without this script (the form is a GET with query parameters). With it, each
 * change asks the server for the same page with the new parameters and swaps in its results and CSV
 * link, without a reload: the filtering stays in one place, the server's.
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

// -- finding people without a reload ------------------------------------------------------------------

const findForm = document.getElementById("find-form");
let finding = null; // the AbortController of the request in flight
let typing = null; // the timer that waits for a pause in the text box

async function findPeople() {
  const query = new URLSearchParams(new FormData(findForm));
  for (const [name, value] of [...query.entries()]) if (!value) query.delete(name);
  const search = query.toString() ? `?${query}` : "";
  if (finding) finding.abort();
  finding = new AbortController();
  document.getElementById("results").setAttribute("aria-busy", "true");
  try {
    const response = await fetch(window.location.pathname + search, {
      credentials: "same-origin",
      signal: finding.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    // Swapped whole (looked up by id each time): they carry the found rows and the filtered CSV URL.
    document.getElementById("results").replaceWith(page.getElementById("results"));
    document.getElementById("csv-link").replaceWith(page.getElementById("csv-link"));
    window.history.replaceState(null, "", window.location.pathname + search);
  } catch (error) {
    if (error.name !== "AbortError") findForm.submit(); // fall back to the plain form
  } finally {
    document.getElementById("results").removeAttribute("aria-busy");
  }
}

findForm.addEventListener("submit", (event) => {
  event.preventDefault();
  findPeople();
});
findForm.addEventListener("change", () => findPeople());
findForm.addEventListener("input", (event) => {
  if (event.target.name !== "q") return;
  clearTimeout(typing);
  typing = setTimeout(findPeople, 250);
});
