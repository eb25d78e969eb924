package cn.relief.app.web;

import cn.relief.app.security.EngineUser;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the logged-in user ({@code user}, null on public pages) and whether the page is in English
 * ({@code en}) on every page's model, for the layout's navigation and the pages' own text.
 */
@ControllerAdvice
class CurrentUserAdvice {
  @ModelAttribute("user")
  EngineUser user(@AuthenticationPrincipal Object principal) {
    return principal instanceof EngineUser user ? user : null;
  }

  @ModelAttribute("en")
  boolean english(Locale locale) {
    return "en".equals(locale.getLanguage());
  }
}
