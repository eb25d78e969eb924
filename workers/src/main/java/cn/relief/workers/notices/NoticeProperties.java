package cn.relief.workers.notices;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code relief.notices.*}.
 *
 * @param fontPath a TrueType/OpenType font or collection (.ttc) with Chinese glyphs; the default is
 *     the file of the Debian package {@code fonts-wqy-microhei} (文泉驿微米黑, Apache 2.0 / GPLv3)
 * @param fontName which font of a collection to use
 * @param issuer the station named at the foot of every notice
 */
@ConfigurationProperties("relief.notices")
public record NoticeProperties(Path fontPath, String fontName, String issuer) {

  public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  public NoticeProperties {
    fontPath = fontPath == null ? DEFAULT_FONT : fontPath;
    fontName = fontName == null ? "WenQuanYiMicroHei" : fontName;
    issuer = issuer == null ? "救助管理站" : issuer;
  }
}
