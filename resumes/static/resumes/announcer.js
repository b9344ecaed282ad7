/**
 * Announcer: what a screen reader hears about a long task, without being flooded.
 *
 * The element is a polite live region (role="status"). Progress that changes many times a second
 * (bytes sent, files finished) is announced only when it crosses a milestone (every quarter by
 * default), and a new task's first words and its end are always said.
 *
 *   const announcer = new Announcer(document.getElementById("announcer"));
 *   announcer.start("Uploading 12 files");        // resets the milestones
 *   announcer.progress(done / total, (milestone) => `${milestone}% uploaded`);  // 25, 50, 75
 *   announcer.say("Upload complete");
 */
export class Announcer {
  constructor(element, { steps = 4 } = {}) {
    this.element = element;
    this.steps = steps;
    this.reached = 0;
  }

  /** Say `text` at once, and count milestones from zero again. */
  start(text) {
    this.reached = 0;
    this.say(text);
  }

  /** Say `text(milestone)` (the milestone in percent) when `fraction` (0 to 1) has crossed one not yet
   * announced; 100% is left for the caller to say in its own words. */
  progress(fraction, text) {
    const step = Math.floor(Math.min(Math.max(fraction, 0), 1) * this.steps);
    if (step > this.reached && step < this.steps) {
      this.reached = step;
      this.say(text(Math.round((step * 100) / this.steps)));
    }
  }

  /** Say `text` now. */
  say(text) {
    // Replacing the text node makes screen readers read the region again even when the text repeats.
    this.element.replaceChildren(document.createTextNode(text));
  }
}
