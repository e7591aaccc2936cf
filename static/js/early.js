// Runs before the page is drawn: lets the stylesheet fold the phone menu only when the script
// that opens it will run.
document.documentElement.classList.add("js");

// Tells the server the browser's time zone (cookie yv_tz), so a person who chose no zone in
// their profile sees times in their own; the server ignores a name zoneinfo does not know.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone) && ("; " + document.cookie + ";").indexOf("; yv_tz=" + zone + ";") === -1) {
      document.cookie = "yv_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* an old browser: the event's zone is used */ }
})();
