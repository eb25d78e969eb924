package cn.relief.app.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the landing page after login. */
@Controller
class LoginController {
  @GetMapping("/login")
  String login() {
    return "login";
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal EngineUser user, Model model) {
    model.addAttribute("user", user);
    return "home";
  }
}
