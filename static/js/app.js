// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // On phones the filter panel starts folded so results come first.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.facet-panel").forEach((d) => d.removeAttribute("open"));
  }
});
