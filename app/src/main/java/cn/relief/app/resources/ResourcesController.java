package cn.relief.app.resources;

import cn.relief.app.cases.CaseFile;
import cn.relief.app.cases.CaseFiles;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Regional resources (区域资源): each station's beds, staff on duty and vehicles; a station's staff
 * see their own station, the regional centre and administrators every station. The station head
 * (or the centre) reports the figures. For a case, the placement advice of the decision table.
 */
@Controller
class ResourcesController {
  private final StationResources resources;
  private final PlacementAdvisor advisor;
  private final CaseFiles cases;
  private final UserEngineClients clients;
  private final Clock clock = Clock.systemUTC();

  ResourcesController(StationResources resources, PlacementAdvisor advisor, CaseFiles cases,
      UserEngineClients clients) {
    this.resources = resources;
    this.advisor = advisor;
    this.cases = cases;
    this.clients = clients;
  }

  @GetMapping("/resources")
  String list(@AuthenticationPrincipal EngineUser user, Model model) {
    List<StationResource> visible = resources.all().stream()
        .filter(station -> seesAll(user) || station.stationId().equals(user.organisationId())).toList();
    model.addAttribute("stations", visible);
    model.addAttribute("freeBeds", visible.stream().mapToInt(StationResource::freeBeds).sum());
    return "resources/list";
  }

  @PostMapping("/resources/{stationId}")
  String report(@AuthenticationPrincipal EngineUser user, @PathVariable String stationId,
      @RequestParam(name = "bedsTotal", defaultValue = "-1") int bedsTotal,
      @RequestParam(name = "bedsOccupied", defaultValue = "-1") int bedsOccupied,
      @RequestParam(name = "staffOnDuty", defaultValue = "-1") int staffOnDuty,
      @RequestParam(name = "vehiclesAvailable", defaultValue = "-1") int vehiclesAvailable, RedirectAttributes redirect) {
    boolean ownHead = user.hasAnyRole(ReliefRole.STATION_HEAD) && stationId.equals(user.organisationId());
    if (!ownHead && !seesAll(user)) {
      throw new AccessDeniedException(user.username() + " may not report the resources of " + stationId);
    }
    if (bedsTotal < 0 || bedsOccupied < 0 || staffOnDuty < 0 || vehiclesAvailable < 0 || bedsTotal > 100_000
        || bedsOccupied > 100_000 || staffOnDuty > 100_000 || vehiclesAvailable > 100_000) {
      redirect.addFlashAttribute("refused", "resources.error.numbers");
      return "redirect:/resources";
    }
    if (!resources.report(stationId, bedsTotal, bedsOccupied, staffOnDuty, vehiclesAvailable, user.username(),
        clock.instant())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no station " + stationId);
    }
    redirect.addFlashAttribute("reported", stationId);
    return "redirect:/resources";
  }

  @GetMapping("/cases/{reference}/placement")
  String placement(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      Model model) {
    CamundaClient client = clients.require(session);
    CaseFile caseFile = cases.workable(client, user, reference);
    model.addAttribute("caseFile", caseFile);
    model.addAttribute("advice", advisor.advise(client, caseFile.stationId(), caseFile.variables()));
    return "resources/placement";
  }

  private static boolean seesAll(EngineUser user) {
    return user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN);
  }
}
