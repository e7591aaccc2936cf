// Runs before the page is drawn: lets the stylesheet fold the phone menu only when the script
// that opens it will run.
document.documentElement.classList.add("js");
