package cn.relief.app.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the landing page after login. */
@Controller
class LoginController {
  @GetMapping("/login")
  String login() {
    return "login";
  }

  @GetMapping("/")
  String home() {
    // the user is on the model of every page (web.CurrentUserAdvice)
    return "home";
  }
}
