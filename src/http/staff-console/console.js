// Script of the staff console (/staff), served as a same-origin file so the CSP allows no inline code.
// Every text from the server is shown with textContent (never parsed as HTML). Shares helpers with answers.js.
(function () {
  "use strict";

  var POLL_MS = 4000;
  var REASONS = {
    requested: "Người dân yêu cầu",
    failures: "Trợ lý không trả lời được",
    "low-confidence": "Trợ lý chưa chắc chắn",
  };
  var CHANNELS = { web: "Trang web", telegram: "Telegram", zalo: "Zalo", cli: "Dòng lệnh" };
  var FROM = { citizen: "Người dân", staff: "Cán bộ", bot: "Trợ lý ảo" };
  var OUTCOMES = { "not-understood": "chưa hiểu", "low-confidence": "chưa chắc chắn" };

  var csrf = "";
  var current = null; // id of the ticket on screen
  var timer = null;

  function $(id) {
    return document.getElementById(id);
  }
  function show(id, on) {
    $(id).hidden = !on;
  }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        node.setAttribute(k, attrs[k]);
      });
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function when(ms) {
    return new Date(ms).toLocaleString("vi-VN", { hour12: false });
  }
  function fail(message) {
    $("error").textContent = message || "";
    show("error", Boolean(message));
  }

  /** Calls the API; a 401 goes back to the login form. Resolves to { ok, status, data }. */
  function api(method, path, body) {
    var headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    return fetch(path, {
      method: method,
      headers: headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    })
      .then(
        function (res) {
          return res.json().then(
            function (data) {
              return { ok: res.ok, status: res.status, data: data };
            },
            function () {
              return { ok: res.ok, status: res.status, data: {} };
            },
          );
        },
        function () {
          return {
            ok: false,
            status: 0,
            data: { error: "Không kết nối được máy chủ. Anh/chị kiểm tra mạng rồi thử lại." },
          };
        },
      )
      .then(function (r) {
        if (r.status === 401 && path.indexOf("/api/staff/") === 0) signedOut(r.data.error);
        return r;
      });
  }

  /* ---------- sign in / out ---------- */

  function signedIn(data) {
    csrf = data.csrfToken;
    shared.username = data.username;
    $("username").textContent = data.username;
    show("loading", false);
    show("login-view", false);
    show("who", true);
    show("console-view", true);
    fail("");
    backToQueue();
    loadStats();
    shared.signInHooks.forEach(function (hook) {
      hook(data);
    });
  }

  function signedOut(message) {
    csrf = "";
    shared.username = "";
    current = null;
    stopPolling();
    show("loading", false);
    show("who", false);
    show("console-view", false);
    show("login-view", true);
    $("login-error").textContent = message || "";
    $("login-password").value = "";
    $("login-token").value = "";
  }

  var tokenMode = false;
  function toggleMode() {
    tokenMode = !tokenMode;
    show("account-fields", !tokenMode);
    show("token-fields", tokenMode);
    $("login-mode").textContent = tokenMode ? "Đăng nhập bằng tên và mật khẩu" : "Đăng nhập bằng mã truy cập";
    $("login-error").textContent = "";
  }

  function login(event) {
    event.preventDefault();
    var body = tokenMode
      ? { token: $("login-token").value }
      : { username: $("login-username").value.trim(), password: $("login-password").value };
    if ((tokenMode && !body.token) || (!tokenMode && (!body.username || !body.password))) {
      $("login-error").textContent = tokenMode
        ? "Anh/chị vui lòng nhập mã truy cập."
        : "Anh/chị vui lòng nhập tên đăng nhập và mật khẩu.";
      return;
    }
    $("login-submit").disabled = true;
    api("POST", "/staff/login", body).then(function (r) {
      $("login-submit").disabled = false;
      if (r.ok) signedIn(r.data);
      else $("login-error").textContent = r.data.error || "Đăng nhập không thành công.";
    });
  }

  function logout() {
    api("POST", "/staff/logout", {}).then(function () {
      signedOut("Anh/chị đã đăng xuất.");
    });
  }

  /* ---------- queue ---------- */

  function stopPolling() {
    if (timer) clearTimeout(timer);
    timer = null;
  }
  function poll(fn) {
    stopPolling();
    timer = setTimeout(fn, POLL_MS);
  }

  function ticketCard(t) {
    var li = el("li", null, { "data-role": "ticket", "data-ticket-id": t.id });
    var head = el("div", null, { class: "head" });
    head.appendChild(el("span", "#" + t.shortId, { "data-role": "ticket-short" }));
    head.appendChild(el("span", CHANNELS[t.channel] || t.channel));
    head.appendChild(el("span", t.procedureName || "Chưa rõ thủ tục"));
    li.appendChild(head);
    li.appendChild(
      el("span", "Chờ từ " + when(t.waitingSince) + " · " + (REASONS[t.reason] || t.reason), {
        class: "muted",
      }),
    );
    li.appendChild(el("span", t.summary, { "data-role": "summary" }));
    var open = el("button", "Nhận xử lý", { type: "button", "data-role": "open-ticket" });
    open.addEventListener("click", function () {
      openTicket(t.id);
    });
    li.appendChild(open);
    return li;
  }

  function loadQueue() {
    return api("GET", "/api/staff/queue").then(function (r) {
      if (!r.ok) return r.status === 401 ? null : fail(r.data.error);
      var list = $("queue");
      clear(list);
      r.data.tickets.forEach(function (t) {
        list.appendChild(ticketCard(t));
      });
      $("queue-count").textContent = String(r.data.tickets.length);
      show("queue-empty", r.data.tickets.length === 0);
      if (current === null && csrf) poll(loadQueue);
    });
  }

  function backToQueue() {
    current = null;
    show("ticket-view", false);
    show("queue-view", true);
    loadQueue();
  }

  /* ---------- one ticket ---------- */

  function meta(dl, label, value) {
    dl.appendChild(el("dt", label));
    dl.appendChild(el("dd", value));
  }

  function renderTicket(data) {
    var t = data.ticket;
    $("ticket-short").textContent = "#" + t.shortId;
    var dl = $("ticket-meta");
    clear(dl);
    meta(dl, "Kênh", CHANNELS[t.channel] || t.channel);
    meta(dl, "Thủ tục", t.procedureName || "Chưa rõ thủ tục");
    meta(dl, "Chờ từ", when(t.waitingSince));
    meta(dl, "Lý do", REASONS[t.reason] || t.reason);
    meta(dl, "Tóm tắt", t.summary);
    var list = $("transcript");
    var atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    clear(list);
    data.transcript.forEach(function (line) {
      var li = el("li", null, { "data-role": "line", "data-from": line.from });
      li.appendChild(el("span", (FROM[line.from] || line.from) + " · " + when(line.at), { class: "when" }));
      li.appendChild(document.createTextNode(line.text));
      list.appendChild(li);
    });
    if (atBottom) list.scrollTop = list.scrollHeight;
    var closed = t.status !== "open";
    $("reply-send").disabled = closed;
    $("release").disabled = closed;
    if (closed) $("ticket-status").textContent = "Yêu cầu này đã đóng; trợ lý ảo đang trả lời người dân.";
  }

  function loadTicket(id) {
    return api("GET", "/api/staff/queue/" + encodeURIComponent(id)).then(function (r) {
      if (current !== id) return;
      if (!r.ok) {
        if (r.status !== 401) {
          $("ticket-status").textContent = r.data.error || "Không tải được yêu cầu.";
        }
        return;
      }
      renderTicket(r.data);
      if (r.data.ticket.status === "open")
        poll(function () {
          loadTicket(id);
        });
    });
  }

  function openTicket(id) {
    current = id;
    stopPolling();
    $("ticket-status").textContent = "";
    $("reply-text").value = "";
    clear($("transcript"));
    show("queue-view", false);
    show("ticket-view", true);
    loadTicket(id).then(function () {
      $("reply-text").focus();
    });
  }

  function sendReply(event) {
    event.preventDefault();
    var id = current;
    var text = $("reply-text").value.trim();
    if (!id) return;
    if (!text) {
      $("ticket-status").textContent = "Anh/chị vui lòng nhập nội dung trả lời.";
      return;
    }
    $("reply-send").disabled = true;
    api("POST", "/api/staff/handoffs/" + encodeURIComponent(id) + "/reply", { text: text }).then(
      function (r) {
        $("reply-send").disabled = false;
        if (r.ok) {
          $("reply-text").value = "";
          $("ticket-status").textContent = "Đã gửi trả lời đến người dân.";
          loadTicket(id);
        } else if (r.status !== 401)
          $("ticket-status").textContent = r.data.error || "Chưa gửi được, anh/chị thử lại.";
      },
    );
  }

  function release() {
    var id = current;
    if (!id) return;
    $("release").disabled = true;
    api("POST", "/api/staff/handoffs/" + encodeURIComponent(id) + "/release", {}).then(function (r) {
      $("release").disabled = false;
      if (r.ok || r.status === 404) {
        backToQueue();
        fail("");
        loadStats();
      } else if (r.status !== 401)
        $("ticket-status").textContent = r.data.error || "Chưa trả lại được, anh/chị thử lại.";
    });
  }

  /* ---------- statistics ---------- */

  /** One unanswered question; with a text, a button drafting an approved answer to it (answers.js). */
  function unansweredItem(q, group) {
    var text =
      (q.question || "(bấm nút, không có chữ)") +
      " — " +
      (OUTCOMES[q.outcome] || q.outcome) +
      ", " +
      when(q.at);
    var li = el("li", text, { "data-role": "unanswered-question" });
    if (q.question && shared.draftAnswer) {
      var draft = el("button", "Soạn câu trả lời duyệt", { type: "button", class: "small secondary" });
      draft.addEventListener("click", function () {
        shared.draftAnswer(q.question, group.procedure);
      });
      li.appendChild(draft);
    }
    return li;
  }

  function loadStats() {
    api("GET", "/api/staff/stats/unanswered").then(function (r) {
      if (!r.ok) return;
      var box = $("unanswered");
      clear(box);
      r.data.groups.forEach(function (g) {
        if (g.procedure) shared.procedureNames[g.procedure] = g.name;
        var div = el("div", null, { class: "group", "data-role": "unanswered-group" });
        div.appendChild(el("h3", g.name + " (" + g.count + ")"));
        var ul = el("ul");
        g.questions.forEach(function (q) {
          ul.appendChild(unansweredItem(q, g));
        });
        div.appendChild(ul);
        box.appendChild(div);
      });
      show("unanswered-empty", r.data.groups.length === 0);
    });
    api("GET", "/api/staff/stats/top?days=7").then(function (r) {
      if (!r.ok) return;
      var list = $("top");
      clear(list);
      r.data.procedures.forEach(function (p) {
        shared.procedureNames[p.procedure] = p.name;
        list.appendChild(el("li", p.name + ": " + p.count + " lượt", { "data-role": "top-procedure" }));
      });
      show("top-empty", r.data.procedures.length === 0);
    });
  }

  /* ---------- shared with answers.js ---------- */

  /** What the console's other scripts use: DOM helpers, the API call, the signed-in name, hooks. */
  var shared = {
    $: $,
    show: show,
    el: el,
    clear: clear,
    api: api,
    username: "",
    /** Display names of procedure slugs seen in the statistics. */
    procedureNames: {},
    /** Called with the session after each sign-in. */
    signInHooks: [],
    /** Set by answers.js: fills its form with a question and a procedure slug (or null). */
    draftAnswer: null,
  };
  window.motcuaStaff = shared;

  /* ---------- start ---------- */

  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", login);
    $("login-mode").addEventListener("click", toggleMode);
    $("logout").addEventListener("click", logout);
    $("refresh").addEventListener("click", function () {
      loadQueue();
      loadStats();
    });
    $("back").addEventListener("click", backToQueue);
    $("reply-form").addEventListener("submit", sendReply);
    $("release").addEventListener("click", release);
    fetch("/staff/session", { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (res) {
        return res.json().then(function (data) {
          if (res.ok && data.signedIn) signedIn(data);
          else signedOut(res.ok ? "" : data.error);
        });
      },
      function () {
        signedOut("Không kết nối được máy chủ. Anh/chị tải lại trang sau ít phút.");
      },
    );
  });
})();
