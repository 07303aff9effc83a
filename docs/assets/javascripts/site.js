/* Small enhancements for readers whose browsers run scripts. Every page works without them: the
   timeline lists every event, and a citation shows its page's address relative to the site. */
(function () {
  "use strict";

  /* The site's root, as the theme writes it into every page. */
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* "Cite this page": complete the page's address, which the generator can only write relative. */
  function completeCitations() {
    var cited = document.querySelectorAll(".cite-url");
    if (!cited.length) return;
    var root = siteRoot();
    cited.forEach(function (element) {
      var relative = element.textContent;
      var absolute = new URL(relative, root).href;
      element.textContent = absolute;
      document.querySelectorAll("pre code").forEach(function (code) {
        code.textContent = code.textContent.split("{" + relative + "}").join("{" + absolute + "}");
      });
    });
  }

  function values(events, attribute) {
    var found = {};
    events.forEach(function (event) {
      (event.getAttribute(attribute) || "").split(" ").forEach(function (value) {
        if (value) found[value] = true;
      });
    });
    return Object.keys(found).sort();
  }

  function select(label, name, options) {
    var wrapper = document.createElement("label");
    wrapper.className = "timeline-filter__field";
    wrapper.appendChild(document.createTextNode(label + " "));
    var control = document.createElement("select");
    control.name = name;
    options.forEach(function (option) {
      var element = document.createElement("option");
      element.value = option[0];
      element.textContent = option[1];
      control.appendChild(element);
    });
    wrapper.appendChild(control);
    return wrapper;
  }

  /* Filters by movement, tag and role, and a jump to a year, above the first timeline of a page. */
  function addTimelineFilters() {
    var timelines = document.querySelectorAll(".timeline");
    if (!timelines.length) return;
    var events = Array.prototype.slice.call(document.querySelectorAll(".timeline__event"));
    var form = document.createElement("form");
    form.className = "timeline-filter";
    form.setAttribute("aria-label", "Filter the timeline");
    var all = [["", "all"]];
    var pairs = function (list) { return all.concat(list.map(function (value) { return [value, value.replace(/-/g, " ")]; })); };
    form.appendChild(select("Movement", "movements", pairs(values(events, "data-movements"))));
    form.appendChild(select("Topic", "tags", pairs(values(events, "data-tags"))));
    form.appendChild(select("Role", "roles", pairs(values(events, "data-roles"))));
    var years = document.querySelectorAll("h2[id]");
    var yearOptions = [["", "choose"]];
    years.forEach(function (heading) {
      if (/^\d{4}$/.test(heading.textContent.trim())) yearOptions.push([heading.id, heading.textContent.trim()]);
    });
    if (yearOptions.length > 1) form.appendChild(select("Jump to year", "year", yearOptions));
    var status = document.createElement("p");
    status.className = "timeline-filter__status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    timelines[0].parentNode.insertBefore(form, timelines[0].previousElementSibling && timelines[0].previousElementSibling.tagName === "H2" ? timelines[0].previousElementSibling : timelines[0]);

    function apply() {
      var shown = 0;
      events.forEach(function (event) {
        var match = ["movements", "tags", "roles"].every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || (event.getAttribute("data-" + name) || "").split(" ").indexOf(wanted) >= 0;
        });
        event.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown === events.length ? "" : shown + " of " + events.length + " events shown";
    }
    form.addEventListener("change", function (change) {
      if (change.target.name === "year" && change.target.value) {
        location.hash = change.target.value;
        return;
      }
      apply();
    });
    form.addEventListener("submit", function (submit) { submit.preventDefault(); });
  }

  /* The search page: Pagefind's interface, loaded from the site's own search bundle. */
  function startSearch() {
    var mount = document.getElementById("site-search");
    if (!mount || mount.dataset.started) return;
    mount.dataset.started = "yes";
    var bundle = new URL(mount.dataset.bundle, location.href);
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("pagefind-ui.css", bundle).href;
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = new URL("pagefind-ui.js", bundle).href;
    script.onload = function () {
      new window.PagefindUI({ element: "#site-search", bundlePath: bundle.pathname, baseUrl: siteRoot().pathname,
                              showImages: false, resetStyles: false });
    };
    document.head.appendChild(script);
  }

  function start() {
    startSearch();
    completeCitations();
    addTimelineFilters();
  }
  if (window.document$) {
    window.document$.subscribe(start); // Material's page-load signal
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
