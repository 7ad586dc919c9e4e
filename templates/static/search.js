// The search page: Pagefind's default UI (pagefind-ui.js, loaded just before this file) in
// #search. Pagefind finds its index, and makes result links, from the folder pagefind-ui.js was
// loaded from, so search works under any base path.
const ui = document.getElementById("search");
new PagefindUI({ element: ui, showSubResults: true, showImages: false });
// Pagefind's input is named by its title only: give it the page's visible label instead.
const label = ui.querySelector(".search-label");
label.htmlFor = ui.querySelector("input").id = "search-input";
label.hidden = false;
