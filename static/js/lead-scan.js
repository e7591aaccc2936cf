// Lead capture: the camera reads a visitor's badge QR code with jsQR (served from this site,
// as on the check-in desk) and puts it in the badge code field; a USB scanner or typing fills
// the same field without this script.
(() => {
  const toggle = document.getElementById("lead-camera-toggle");
  const field = document.getElementById("id_code");
  if (!toggle || !field || !(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) return;
  const box = document.getElementById("lead-camera-box");
  const video = document.getElementById("lead-camera-video");
  const canvas = document.getElementById("lead-camera-canvas");
  const note = document.getElementById("lead-camera-note");
  let stream = null;
  const stop = () => {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    box.hidden = true;
  };
  const tick = () => {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(frame.data, frame.width, frame.height, {
        inversionAttempts: "dontInvert",
      });
      if (found && found.data) {
        field.value = found.data;
        stop();
        field.focus();  // the team adds a rating or note, then saves
        return;
      }
    }
    requestAnimationFrame(tick);
  };
  toggle.hidden = false;
  toggle.addEventListener("click", async () => {
    if (stream) return stop();
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
        audio: false,
      });
    } catch (error) {
      note.hidden = false;
      return;
    }
    video.srcObject = stream;
    box.hidden = false;
    await video.play();
    requestAnimationFrame(tick);
  });
})();
