// The page behind finishUrl: explains, in Vietnamese, how the citizen finishes the pre-filled
// dossier by signing in with VNeID. Sandbox only: no login, and it shows nothing about the dossier.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The same page for every well-formed code, so it never reveals whether a dossier exists. */
export function finishPage(code: string): string {
  const c = escapeHtml(code);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hoàn tất hồ sơ ${c} — Cổng thử nghiệm</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.note{background:#fff6d6;border:1px solid #e0c060;padding:.75rem;border-radius:.5rem}</style>
</head>
<body>
<h1>Hoàn tất hồ sơ <code>${c}</code></h1>
<p class="note">Đây là <strong>cổng dịch vụ công thử nghiệm</strong> của motcua. Không có đăng nhập thật
và không có hồ sơ thật nào được gửi đến cơ quan nhà nước.</p>
<p>Trên cổng thật, để hoàn tất hồ sơ đã được điền sẵn, anh/chị làm như sau:</p>
<ol>
<li>Đăng nhập bằng tài khoản định danh điện tử <strong>VNeID</strong> (mức 2) của chính người đứng tên hồ sơ.</li>
<li>Kiểm tra lại thông tin tờ khai đã được điền sẵn; sửa nếu có chỗ chưa đúng.</li>
<li>Tải lên bản chụp hoặc bản điện tử của giấy tờ còn thiếu (nếu có).</li>
<li>Xác nhận và nộp; nộp lệ phí trực tuyến nếu thủ tục có lệ phí.</li>
<li>Giữ mã hồ sơ <code>${c}</code> để tra cứu tình trạng và nhận kết quả vào ngày hẹn trả.</li>
</ol>
<p><strong>Lưu ý an toàn:</strong> không ai được hỏi mật khẩu hay mã OTP VNeID của anh/chị, kể cả trợ lý motcua
và cán bộ.</p>
</body>
</html>
`;
}
