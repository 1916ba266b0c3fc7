/* Disaster alerts: keep the banner of an open page in step with alerts.json, without a reload.
 *
 * Every page is built with the alerts in force at the time, and that banner works without
 * JavaScript. This script reads alerts.json (a URL relative to the page, so the site works under any
 * base path and from offline copies) at once and then every data-interval seconds while the page is
 * visible. It adds new and updated alerts (with role="alert", so screen readers announce them),
 * removes cancelled and expired ones, adds the reader's own time when they are not on Japan time,
 * and lets a reader hide an alert until it is updated: the dismissal is kept under the alert's
 * identifier and sent time, which an update changes. It builds the same markup as
 * guidebook/alerts/view.py.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.JSON || !Array.prototype.forEach) {
    return;
  }
  var SRC = script.getAttribute("data-src") || "alerts.json";
  var INTERVAL = Math.max(1, Number(script.getAttribute("data-interval")) || 60) * 1000;
  var STORE = "gb-alerts-dismissed";
  var JAPAN = "Asia/Tokyo";
  var LEVELS = ["extreme", "severe", "moderate", "minor", "unknown"];
  var pageLang = document.documentElement.getAttribute("lang") || "en";
  var readerZone = JAPAN;
  try {
    readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || JAPAN;
  } catch (e) {
    /* keep Japan time only */
  }
  var data = null;
  var strings = {};
  var lastPoll = 0;
  var inFlight = false;
  var pollTimer = 0;
  var clockTimer = 0;

  function s(key) {
    return Object.prototype.hasOwnProperty.call(strings, key) ? String(strings[key]) : "";
  }

  function dismissed() {
    try {
      var list = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function saveDismissed(list) {
    try {
      localStorage.setItem(STORE, JSON.stringify(list));
    } catch (e) {
      /* private mode: the alert is hidden until the page is left */
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  function langAttr(node, lang, around) {
    if (lang && lang !== around) {
      node.setAttribute("lang", lang);
    }
  }

  /* Return template's text with {name} replaced by a node (text around it stays text). */
  function fill(template, name, node) {
    var out = document.createDocumentFragment();
    var parts = template.split("{" + name + "}");
    out.appendChild(document.createTextNode(parts[0]));
    if (parts.length > 1) {
      out.appendChild(node);
      out.appendChild(document.createTextNode(parts.slice(1).join("")));
    }
    return out;
  }

  function formatTime(iso, zone) {
    try {
      var options = { dateStyle: "medium", timeStyle: "short", calendar: "gregory" };
      if (zone) {
        options.timeZone = zone;
      }
      return new Intl.DateTimeFormat(pageLang, options).format(new Date(iso));
    } catch (e) {
      return iso;
    }
  }

  /* Whether the browser can write dates in the page's language (Chromium cannot for Khmer, Burmese
     or Nepali): if not, Japan time comes written by the build and the reader's own time is left out. */
  var localeKnown = (function () {
    try { return Intl.DateTimeFormat.supportedLocalesOf([pageLang]).length > 0; } catch (e) { return false; }
  })();

  function timeSpan(iso, template, text) {
    var moment = el("time", null, text || formatTime(iso, JAPAN));
    moment.setAttribute("datetime", iso);
    var span = el("span");
    span.appendChild(fill(template || "{time}", "time", fill(s("alert.japan_time") || "{time}", "time", moment)));
    return span;
  }

  function labelled(className, label, text, textLang, blockLang) {
    var p = el("p", className);
    var name = el("span", "gb-alert__label", label);
    langAttr(name, pageLang, blockLang);
    p.appendChild(name);
    p.appendChild(document.createTextNode(" "));
    var value = el("span", "gb-alert__text", text);
    langAttr(value, textLang, blockLang);
    p.appendChild(value);
    return p;
  }

  function buildBlock(b) {
    var ja = b.ja || [];
    var block = el("div", "gb-alert__block");
    langAttr(block, b.lang, pageLang);
    block.appendChild(el("p", "gb-alert__event", b.event));
    block.appendChild(el("p", "gb-alert__headline", b.headline));
    if (b.instruction) {
      var lang = ja.indexOf("instruction") >= 0 ? "ja" : b.lang;
      block.appendChild(labelled("gb-alert__instruction", s("alert.instruction"), b.instruction, lang, b.lang));
    }
    var details = [];
    if (b.description) {
      var description = el("p", "gb-alert__description", b.description);
      langAttr(description, ja.indexOf("description") >= 0 ? "ja" : b.lang, b.lang);
      details.push(description);
    }
    if (b.area) {
      details.push(labelled("gb-alert__area", s("alert.area"), b.area, ja.indexOf("area") >= 0 ? "ja" : b.lang, b.lang));
    }
    if (b.web && /^https?:\/\//i.test(b.web)) {
      var p = el("p");
      var link = el("a", "gb-alert__web", s("alert.web"));
      link.href = b.web;
      link.rel = "noopener";
      langAttr(link, pageLang, b.lang);
      p.appendChild(link);
      details.push(p);
    }
    if (details.length) {
      var box = el("details", "gb-alert__details");
      var summary = el("summary", null, s("alert.details"));
      langAttr(summary, pageLang, b.lang);
      box.appendChild(summary);
      details.forEach(function (node) {
        box.appendChild(node);
      });
      block.appendChild(box);
    }
    return block;
  }

  function level(alert) {
    var name = String(alert.severity || "").toLowerCase();
    return LEVELS.indexOf(name) >= 0 ? name : "unknown";
  }

  function buildAlert(alert) {
    var name = level(alert);
    var box = el("div", "gb-alert gb-alert--" + name);
    box.setAttribute("data-key", alert.key);
    box.setAttribute("data-effective", alert.effective);
    if (alert.expires) {
      box.setAttribute("data-expires", alert.expires);
    }
    var head = el("div", "gb-alert__head");
    var icon = el("span", "gb-alert__icon");
    icon.setAttribute("aria-hidden", "true");
    head.appendChild(icon);
    head.appendChild(el("strong", "gb-alert__level", s("alert.level." + name)));
    if (alert.msgType === "Update") {
      head.appendChild(el("span", "gb-alert__badge", s("alert.update")));
    }
    var button = el("button", "gb-alert__dismiss");
    button.type = "button";
    button.setAttribute("aria-label", s("alert.dismiss"));
    var cross = el("span", null, "\u00d7");
    cross.setAttribute("aria-hidden", "true");
    button.appendChild(cross);
    head.appendChild(button);
    box.appendChild(head);
    if (alert.status === "Exercise" || alert.status === "Test") {
      box.appendChild(el("p", "gb-alert__exercise", s("alert." + alert.status.toLowerCase())));
    }
    if (!alert.translated && pageLang !== "ja") {
      box.appendChild(el("p", "gb-alert__note", s("alert.untranslated")));
    }
    (alert.blocks || []).forEach(function (b) {
      box.appendChild(buildBlock(b));
    });
    var times = el("p", "gb-alert__time");
    times.appendChild(timeSpan(alert.sent, s("alert.issued"), alert.text && alert.text.sent));
    if (alert.expires) {
      times.appendChild(document.createTextNode(" "));
      times.appendChild(timeSpan(alert.expires, s("alert.until"), alert.text && alert.text.expires));
    }
    box.appendChild(times);
    return box;
  }

  function container(create) {
    var box = document.querySelector(".gb-alerts");
    if (box || !create) {
      return box;
    }
    var slot = document.querySelector("[data-md-component=announce]");
    if (!slot) {
      return null;
    }
    var aside = el("aside", "md-banner");
    var inner = el("div", "md-banner__inner md-grid md-typeset");
    box = el("div", "gb-alerts");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", s("alert.region"));
    box.setAttribute("aria-live", "polite");
    var show = el("button", "gb-alerts__show");
    show.type = "button";
    show.hidden = true;
    show.setAttribute("data-label", s("alert.show_hidden"));
    box.appendChild(show);
    inner.appendChild(box);
    aside.appendChild(inner);
    slot.appendChild(aside);
    return box;
  }

  function time(value) {
    var t = Date.parse(value || "");
    return isNaN(t) ? null : t;
  }

  function inForce(effective, expires, now) {
    var from = time(effective);
    var to = time(expires);
    return (from === null || from <= now) && (to === null || now < to);
  }

  function addReaderTime(box) {
    if (readerZone === JAPAN || !s("alert.your_time") || !localeKnown) {
      return;
    }
    box.querySelectorAll(".gb-alert__time time[datetime]").forEach(function (moment) {
      var span = moment.parentNode;
      if (span.querySelector(".gb-alert__local")) {
        return;
      }
      var local = el("span", "gb-alert__local");
      local.appendChild(document.createTextNode(" · "));
      local.appendChild(fill(s("alert.your_time"), "time", el("span", null, formatTime(moment.getAttribute("datetime")))));
      span.appendChild(local);
    });
  }

  function render() {
    var now = Date.now();
    var wanted = data
      ? data.alerts.filter(function (a) {
          return a && a.key && inForce(a.effective, a.expires, now);
        })
      : null;
    var box = container(Boolean(wanted && wanted.length));
    if (box) {
      var present = {};
      box.querySelectorAll(".gb-alert[data-key]").forEach(function (node) {
        var key = node.getAttribute("data-key");
        var listed =
          !wanted ||
          wanted.some(function (a) {
            return a.key === key;
          });
        if (!listed || !inForce(node.getAttribute("data-effective"), node.getAttribute("data-expires"), now)) {
          node.parentNode.removeChild(node);
        } else {
          present[key] = node;
        }
      });
      if (wanted) {
        var previous = null;
        wanted.forEach(function (alert) {
          var node = present[alert.key];
          if (!node) {
            node = buildAlert(alert);
            node.setAttribute("role", "alert");
          }
          var next = previous ? previous.nextElementSibling : box.firstElementChild;
          if (node !== next) {
            box.insertBefore(node, next);
          }
          previous = node;
        });
      }
      var hidden = dismissed();
      var count = 0;
      box.querySelectorAll(".gb-alert[data-key]").forEach(function (node) {
        var isHidden = hidden.indexOf(node.getAttribute("data-key")) >= 0;
        node.hidden = isHidden;
        count += isHidden ? 1 : 0;
        var button = node.querySelector(".gb-alert__dismiss");
        if (button) {
          button.hidden = false;
        }
      });
      var show = box.querySelector(".gb-alerts__show");
      if (show) {
        show.hidden = count === 0;
        show.textContent = (show.getAttribute("data-label") || "({count})").split("{count}").join(String(count));
      }
      var banner = box.closest(".md-banner") || box;
      banner.hidden = !box.querySelector(".gb-alert[data-key]");
      addReaderTime(box);
    }
    scheduleClock(now);
  }

  /* Render again when the next alert takes effect or expires, even without a new alerts.json. */
  function scheduleClock(now) {
    clearTimeout(clockTimer);
    var next = Infinity;
    var moments = [];
    (data ? data.alerts : []).forEach(function (a) {
      moments.push(a.effective, a.expires);
    });
    document.querySelectorAll(".gb-alert[data-key]").forEach(function (node) {
      moments.push(node.getAttribute("data-expires"));
    });
    moments.forEach(function (value) {
      var t = time(value);
      if (t !== null && t > now && t < next) {
        next = t;
      }
    });
    if (next !== Infinity) {
      clockTimer = setTimeout(render, Math.min(next - now + 50, 2147483647));
    }
  }

  function prune() {
    var keys = data.alerts.map(function (a) {
      return a.key;
    });
    var list = dismissed();
    var kept = list.filter(function (key) {
      return keys.indexOf(key) >= 0;
    });
    if (kept.length !== list.length) {
      saveDismissed(kept);
    }
  }

  function schedule() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, INTERVAL);
  }

  function poll() {
    if (document.hidden || inFlight) {
      schedule();
      return;
    }
    inFlight = true;
    lastPoll = Date.now();
    fetch(SRC, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("alerts.json: " + response.status);
        }
        return response.json();
      })
      .then(function (doc) {
        if (doc && doc.version === 1 && Array.isArray(doc.alerts)) {
          data = doc;
          strings = doc.strings || {};
          prune();
          render();
        }
      })
      .catch(function () {
        /* offline or a bad response: keep what the page shows */
      })
      .then(function () {
        inFlight = false;
        schedule();
      });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var dismiss = target && target.closest(".gb-alert__dismiss");
    var show = target && target.closest(".gb-alerts__show");
    if (dismiss) {
      var alert = dismiss.closest(".gb-alert");
      var list = dismissed();
      list.push(alert.getAttribute("data-key"));
      saveDismissed(list);
      render();
      var again = document.querySelector(".gb-alerts__show");
      if (again && !again.hidden) {
        again.focus();
      }
    } else if (show) {
      var box = show.closest(".gb-alerts");
      var keys = [];
      box.querySelectorAll(".gb-alert[data-key]").forEach(function (node) {
        keys.push(node.getAttribute("data-key"));
      });
      saveDismissed(
        dismissed().filter(function (key) {
          return keys.indexOf(key) < 0;
        })
      );
      render();
      var first = box.querySelector(".gb-alert__dismiss");
      if (first) {
        first.focus();
      }
    }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === STORE) {
      render();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && Date.now() - lastPoll >= INTERVAL) {
      poll();
    }
  });
  render();
  poll();
})();
