// The "My data" page: erase all of one's data after a confirmation (the download is a plain link).
"use strict";

(() => {
  const { problem } = window.Docent;
  const button = document.getElementById("erase");
  const status = document.getElementById("erase-status");

  button.addEventListener("click", async () => {
    if (!window.confirm("Erase all your conversations, feedback and gap examples? This cannot be undone.")) return;
    button.disabled = true;
    status.textContent = "Erasing…";
    try {
      const response = await Docent.send("/api/privacy/me", { method: "DELETE", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(await problem(response));
      const erased = await response.json();
      status.textContent = `Erased: ${erased.conversations} conversation(s) and everything derived from them.`;
    } catch (e) {
      status.textContent = e.message;
      button.disabled = false;
    }
  });
})();
