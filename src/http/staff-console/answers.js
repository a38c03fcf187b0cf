// Approved answers in the staff console (/staff): the valid ones with a two-step delete, and the form
// saving a new one (question, procedure, answer, reviewer, validity). Uses console.js's shared helpers.
(function () {
  "use strict";

  var staff = window.motcuaStaff;
  var $ = staff.$;
  var el = staff.el;
  var CONFIRM_MS = 5000;

  function day(ms) {
    return new Date(ms).toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" });
  }
  function status(message) {
    $("answer-status").textContent = message || "";
  }
  function procedureLabel(slug) {
    var name = staff.procedureNames[slug];
    return name ? name + " (" + slug + ")" : slug;
  }

  /* ---------- list ---------- */

  /** Delete in two clicks: the first asks for confirmation for a few seconds, the second deletes. */
  function deleteButton(a) {
    var button = el("button", "Xóa", {
      type: "button",
      class: "small secondary",
      "data-role": "delete-answer",
    });
    var armed = null;
    button.addEventListener("click", function () {
      if (!armed) {
        button.textContent = "Bấm lần nữa để xóa";
        armed = setTimeout(function () {
          armed = null;
          button.textContent = "Xóa";
        }, CONFIRM_MS);
        return;
      }
      clearTimeout(armed);
      armed = null;
      button.disabled = true;
      remove(a, button);
    });
    return button;
  }

  function answerCard(a) {
    var li = el("li", null, { "data-role": "approved-answer", "data-answer-id": a.id });
    li.appendChild(el("strong", a.question, { "data-role": "answer-question" }));
    if (a.procedure)
      li.appendChild(el("span", "Thủ tục: " + procedureLabel(a.procedure), { class: "muted" }));
    li.appendChild(el("span", a.answer, { class: "answer-text" }));
    li.appendChild(
      el(
        "span",
        "Duyệt bởi " + a.reviewer + " ngày " + day(a.approvedAt) + " · hiệu lực đến " + day(a.expiresAt),
        {
          class: "muted",
          "data-role": "answer-meta",
        },
      ),
    );
    li.appendChild(deleteButton(a));
    return li;
  }

  function loadAnswers() {
    return staff.api("GET", "/api/staff/answers").then(function (r) {
      if (!r.ok) {
        if (r.status !== 401) status(r.data.error || "Không tải được danh sách câu trả lời đã duyệt.");
        return;
      }
      var list = $("answers");
      staff.clear(list);
      r.data.answers.forEach(function (a) {
        list.appendChild(answerCard(a));
      });
      $("answers-count").textContent = String(r.data.answers.length);
      staff.show("answers-empty", r.data.answers.length === 0);
    });
  }

  function remove(a, button) {
    staff.api("DELETE", "/api/staff/answers/" + encodeURIComponent(a.id)).then(function (r) {
      if (r.ok || r.status === 404) {
        status(r.ok ? "Đã xóa câu trả lời đã duyệt." : r.data.error);
        loadAnswers();
      } else if (r.status !== 401) {
        button.disabled = false;
        button.textContent = "Xóa";
        status(r.data.error || "Chưa xóa được, anh/chị thử lại.");
      }
    });
  }

  /* ---------- form ---------- */

  /** The form's fields as the API expects them, or a polite message saying what is missing. */
  function readForm() {
    var body = {
      question: $("answer-question").value.trim(),
      procedure: $("answer-procedure").value.trim() || null,
      answer: $("answer-text").value.trim(),
      reviewer: $("answer-reviewer").value.trim(),
      validDays: Number($("answer-days").value),
    };
    if (!body.question) return "Anh/chị vui lòng nhập câu hỏi của người dân.";
    if (!body.answer) return "Anh/chị vui lòng nhập nội dung trả lời.";
    if (!body.reviewer) return "Anh/chị vui lòng nhập tên cán bộ duyệt.";
    if (!Number.isInteger(body.validDays) || body.validDays < 1 || body.validDays > 365)
      return "Số ngày hiệu lực phải là số nguyên từ 1 đến 365.";
    return body;
  }

  function clearDraft() {
    $("answer-question").value = "";
    $("answer-procedure").value = "";
    $("answer-text").value = "";
  }

  function save(event) {
    event.preventDefault();
    var body = readForm();
    if (typeof body === "string") return status(body);
    $("answer-save").disabled = true;
    staff.api("POST", "/api/staff/answers", body).then(function (r) {
      $("answer-save").disabled = false;
      if (r.ok) {
        clearDraft();
        var until = day(r.data.answer.expiresAt);
        status("Đã lưu. Người dân hỏi câu này sẽ nhận câu trả lời đã duyệt đến ngày " + until + ".");
        loadAnswers();
      } else if (r.status !== 401) status(r.data.error || "Chưa lưu được, anh/chị thử lại.");
    });
  }

  /** Fills the form from an unanswered question (console.js calls it) and brings it into view. */
  function draftAnswer(question, procedure) {
    $("answer-question").value = question;
    $("answer-procedure").value = procedure || "";
    if (!$("answer-reviewer").value) $("answer-reviewer").value = staff.username;
    status("");
    $("answer-form").scrollIntoView({ block: "start" });
    $("answer-text").focus();
  }

  staff.draftAnswer = draftAnswer;
  staff.signInHooks.push(function (session) {
    $("answer-reviewer").value = session.username || "";
    status("");
    loadAnswers();
  });

  document.addEventListener("DOMContentLoaded", function () {
    $("answer-form").addEventListener("submit", save);
    $("answer-clear").addEventListener("click", function () {
      clearDraft();
      status("");
    });
    $("refresh").addEventListener("click", loadAnswers);
  });
})();
