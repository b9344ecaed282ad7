/**
 * The upload page: send files to the upload API, with the bar showing the bytes sent (a cancel button
 * stops the upload), then show the batch's screening progress live over SSE.
 *
 * The page's state survives a reload: the batch being watched is in the URL (?batch=<id>), and the last
 * event id seen is in sessionStorage, per user. On load the page draws the batch API's current state,
 * then resumes the stream after that id. Progress events are whole snapshots: one is drawn only if it
 * is for the watched batch and has not fewer finished files than what is shown, so an event replayed
 * after a reload never moves the bar back or lists a file twice.
 *
 * Screen readers hear the progress through one polite live region, at each quarter and at the end
 * (see announcer.js), not at every event.
 *
 * Everything that came from a user (file names, errors about them) is put in with textContent.
 */
import { SSEService, csrfToken } from "../progress/sse_service.js";
import { Announcer } from "./announcer.js";
import { UploadCancelled, UploadService } from "./upload_service.js";

const FINISHED = new Set(["completed", "cancelled", "failed"]);
const CONNECTION_LABELS = {
  connecting: "Connecting…",
  open: "Live",
  reconnecting: "Reconnecting…",
  closed: "Not connected",
};

const root = document.getElementById("upload-page");
const userId = root.dataset.userId;
const lastIdKey = `progress-last-event-id:${userId}`;
const service = new SSEService();
const uploads = new UploadService();

const form = document.getElementById("upload-form");
const input = document.getElementById("files");
const dropzone = document.getElementById("dropzone");
const chosen = document.getElementById("chosen");
const uploadButton = document.getElementById("upload-button");
const uploadError = document.getElementById("upload-error");
const batchSection = document.getElementById("batch");
const bar = document.getElementById("bar");
const percent = document.getElementById("percent");
const counts = document.getElementById("counts");
const currentFile = document.getElementById("current-file");
const message = document.getElementById("message");
const connection = document.getElementById("connection");
const streamError = document.getElementById("stream-error");
const outcomes = document.getElementById("outcomes");
const resultsLink = document.getElementById("results-link");
const cancelUpload = document.getElementById("cancel-upload");
const announcer = new Announcer(document.getElementById("announcer"));

let watching = null; // the batch id
let shown = null; // the snapshot drawn: {status, completed, total, successful_files, failed_files}
let listed = 0; // finished files in the outcome list
let refreshing = null; // the running fetch of the outcome list, if any

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showError(target, text) {
  target.textContent = text;
  target.hidden = !text;
}

// -- choosing files -------------------------------------------------------------------------------

function drawChosen() {
  chosen.replaceChildren(...[...input.files].map((file) => el("li", file.name)));
  chosen.hidden = input.files.length === 0;
}

input.addEventListener("change", drawChosen);
for (const type of ["dragenter", "dragover"]) {
  dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add("dragging");
  });
}
dropzone.addEventListener("dragleave", () => dropzone.classList.remove("dragging"));
dropzone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropzone.classList.remove("dragging");
  input.files = event.dataTransfer.files;
  drawChosen();
});

// -- uploading ------------------------------------------------------------------------------------

function drawIntake(accepted, rejected) {
  document.getElementById("accepted-count").textContent = accepted.length;
  document.getElementById("accepted").replaceChildren(...accepted.map((name) => el("li", name)));
  document.getElementById("rejected-count").textContent = rejected.length;
  document.getElementById("rejected").replaceChildren(
    ...rejected.map((item) => {
      const li = el("li");
      li.append(el("span", item.name, "filename"), el("span", ` — ${item.error}`, "error-text"));
      return li;
    }),
  );
  document.getElementById("intake").hidden = false;
}

function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

function drawUpload(loaded, total) {
  const share = total ? loaded / total : 0;
  bar.max = Math.max(total, 1);
  bar.value = loaded;
  bar.removeAttribute("aria-valuenow");
  bar.setAttribute("aria-valuetext", `${Math.floor(share * 100)}% uploaded`);
  percent.textContent = `${Math.floor(share * 100)}%`;
  counts.textContent = `Uploading: ${formatBytes(loaded)} of ${formatBytes(total)} sent`;
  announcer.progress(share, (milestone) => `${milestone}% uploaded`);
}

function beginUpload(files) {
  service.disconnect();
  watching = null;
  shown = null;
  root.dataset.phase = "uploading";
  root.dataset.status = "";
  batchSection.hidden = false;
  document.getElementById("intake").hidden = true;
  outcomes.replaceChildren();
  resultsLink.hidden = true;
  showError(streamError, "");
  message.textContent = "";
  currentFile.textContent = "";
  const total = files.reduce((sum, file) => sum + file.size, 0);
  drawUpload(0, total);
  cancelUpload.hidden = false;
  cancelUpload.disabled = false;
  announcer.start(`Uploading ${files.length} file${files.length === 1 ? "" : "s"}, ${formatBytes(total)}`);
}

uploads.onProgress(({ loaded, total }) => drawUpload(loaded, total));
uploads.onSent(() => {
  // The server has every byte and is checking the files: too late to take the upload back.
  cancelUpload.hidden = true;
  counts.textContent = "Upload complete: checking the files…";
  announcer.say("Upload complete. Checking the files.");
});
cancelUpload.addEventListener("click", () => uploads.cancel());

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  showError(uploadError, "");
  if (uploads.busy) return;
  if (input.files.length === 0) {
    showError(uploadError, "Choose one or more files first.");
    return;
  }
  const files = [...input.files];
  const body = new FormData();
  for (const file of files) body.append("files", file, file.name);
  uploadButton.disabled = true;
  uploadButton.textContent = "Uploading…";
  beginUpload(files);
  try {
    const { status, body: answer } = await uploads.send(form.action, body, {
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    });
    if (status !== 202) {
      batchSection.hidden = true;
      showError(uploadError, (answer && answer.detail) || `The upload failed (HTTP ${status}).`);
      announcer.say("The upload failed.");
      return;
    }
    drawIntake(answer.accepted, answer.rejected);
    form.reset();
    drawChosen();
    await watch(answer.batch_id);
  } catch (error) {
    batchSection.hidden = true;
    if (error instanceof UploadCancelled) {
      showError(uploadError, "Upload cancelled: nothing was sent for screening. Your files are still chosen.");
      announcer.say("Upload cancelled.");
    } else {
      showError(uploadError, "The upload failed: the server did not answer. Try again.");
      announcer.say("The upload failed.");
    }
  } finally {
    cancelUpload.hidden = true;
    uploadButton.disabled = false;
    uploadButton.textContent = "Upload and screen";
  }
});

// -- watching a batch -----------------------------------------------------------------------------

function drawProgress() {
  const { completed, total } = shown;
  bar.max = Math.max(total, 1);
  bar.value = completed;
  bar.setAttribute("aria-valuenow", String(completed));
  bar.setAttribute("aria-valuemax", String(total));
  bar.setAttribute("aria-valuetext", `${completed} of ${total} files finished`);
  percent.textContent = `${total ? Math.floor((completed * 100) / total) : 100}%`;
  counts.textContent =
    `${completed} of ${total} files finished: ${shown.successful_files} screened, ` +
    `${shown.failed_files} failed`;
  root.dataset.status = shown.status;
  root.dataset.phase = "screening";
  announcer.progress(total ? completed / total : 1, () => `${completed} of ${total} files screened`);
}

function outcomeItem(filename, status, detail) {
  const li = el("li", undefined, `outcome ${status}`);
  const label = { done: "Screened", failed: "Failed", cancelled: "Cancelled" }[status] || status;
  li.append(el("span", label, `badge ${status}`), el("span", filename, "filename"));
  if (detail) li.append(el("span", ` — ${detail}`, "detail"));
  return li;
}

function drawOutcomes(results) {
  const finished = results.filter((r) => r.status === "done" || r.status === "failed" || r.status === "cancelled");
  outcomes.replaceChildren(
    ...finished.map((r) =>
      outcomeItem(r.filename, r.status, r.status === "done" ? `score ${r.score}` : r.error),
    ),
  );
}

async function fetchBatch(batchId) {
  const response = await fetch(`/api/v1/batches/${batchId}`, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`The batch could not be loaded (HTTP ${response.status}).`);
  return response.json();
}

async function refreshOutcomes() {
  // Called when events were missed (a gap in `completed`): the batch API has every file's outcome.
  if (refreshing) return;
  const batchId = watching;
  refreshing = fetchBatch(batchId);
  try {
    const batch = await refreshing;
    if (batchId === watching && batch.completed >= listed) {
      drawOutcomes(batch.results);
      listed = batch.completed;
    }
  } catch (error) {
    showError(streamError, error.message);
  } finally {
    refreshing = null;
  }
}

function finish(results) {
  service.disconnect();
  if (results) drawOutcomes(results);
  message.textContent = shown.status === "cancelled" ? "Cancelled." : "All files are finished.";
  announcer.say(
    `${message.textContent} ${shown.successful_files} screened, ${shown.failed_files} failed. ` +
      "The ranked results are linked below.",
  );
  currentFile.textContent = "";
  resultsLink.hidden = false;
}

function applyProgress(progress, meta) {
  if (meta.id) sessionStorage.setItem(lastIdKey, meta.id);
  if (!progress || !shown || progress.batch_id !== watching) return;
  if (progress.completed < shown.completed) return; // older than what is shown (a replay)
  const before = shown;
  shown = progress;
  drawProgress();
  message.textContent = progress.message || "";
  if (progress.current_file) currentFile.textContent = progress.current_file;
  if (progress.completed === listed + 1 && progress.current_file) {
    const succeeded = progress.successful_files > before.successful_files;
    outcomes.append(outcomeItem(progress.current_file, succeeded ? "done" : "failed"));
    listed = progress.completed;
  } else if (progress.completed > listed) {
    refreshOutcomes();
  }
  if (FINISHED.has(progress.status)) finish(progress.results);
}

async function watch(batchId) {
  service.disconnect();
  watching = batchId;
  shown = null;
  const url = new URL(window.location.href);
  url.searchParams.set("batch", batchId);
  window.history.replaceState(null, "", url);
  resultsLink.href = `/batches/${batchId}/`;
  resultsLink.hidden = true;
  batchSection.hidden = false;
  showError(streamError, "");
  let batch;
  try {
    batch = await fetchBatch(batchId);
  } catch (error) {
    showError(streamError, error.message);
    return;
  }
  if (batchId !== watching) return;
  shown = { ...batch, message: "" };
  listed = batch.completed;
  announcer.start(`Screening ${batch.total} file${batch.total === 1 ? "" : "s"}`);
  drawProgress();
  drawOutcomes(batch.results);
  if (FINISHED.has(batch.status)) {
    finish(null);
    return;
  }
  message.textContent = batch.status === "queued" ? "Waiting for a worker…" : "Screening…";
  service.connect(userId, { lastEventId: sessionStorage.getItem(lastIdKey) });
}

service.onProgress(applyProgress);
service.onConnection((state) => {
  connection.textContent = CONNECTION_LABELS[state];
  connection.dataset.state = state;
});
service.onError((error) => {
  if (error.fatal) showError(streamError, error.message);
});

const batchInUrl = new URLSearchParams(window.location.search).get("batch");
if (batchInUrl && /^[0-9a-f-]{36}$/i.test(batchInUrl)) watch(batchInUrl);
