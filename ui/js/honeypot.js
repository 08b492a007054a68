(() => {
  const hide = () => {
    const boxes = document.querySelectorAll(".st-key-melden_hp");
    boxes.forEach((box) => {
      if (box.getAttribute("aria-hidden") !== "true") box.setAttribute("aria-hidden", "true");
      box.querySelectorAll("input").forEach((input) => {
        if (input.tabIndex !== -1) input.tabIndex = -1;
      });
    });
    return boxes.length > 0;
  };
  hide();
  if (window.netzwerkatlasHoneypot) return;
  window.netzwerkatlasHoneypot = new MutationObserver(() => {
    if (!hide()) {  // the form is gone (another page): stop watching until it is drawn again
      window.netzwerkatlasHoneypot.disconnect();
      window.netzwerkatlasHoneypot = null;
    }
  });
  window.netzwerkatlasHoneypot.observe(document.body, { childList: true, subtree: true });
})();
