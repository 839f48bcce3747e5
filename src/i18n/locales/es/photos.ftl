## AI Photos (src/core/photos.ts): collecting a set, training a model, and its refusals.

photos-refused-not-a-photo = no es una foto JPEG, PNG ni WebP
photos-refused-unreadable = no se pudo leer como imagen
photos-refused-too-small = es demasiado pequeña ({ $size }; al menos { $min } px por lado)
photos-refused-too-large = es demasiado grande ({ $size }; como mucho { $max } megapíxeles)
photos-refused-full = no se añadió: el set está completo ({ $max } fotos)
photos-refused-duplicate = es un duplicado de una foto que ya está en el set
photos-refused-larger-than = pesa más de { $megabytes } MB
photos-refused-download = no se pudo descargar; envíala de nuevo
photos-refused-closed = no se añadió: el set ya no está abierto

error-set-open = Ya tienes un set de fotos abierto aquí con { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }. Envía más, usa /photos train, o /photos cancel para empezar de nuevo.
error-no-set = No tienes ningún set de fotos abierto aquí. Empieza uno con /photos new.
error-no-set-to-train = No tienes ningún set de fotos para entrenar aquí. Empieza uno con /photos new y envía { $min }–{ $max } fotos.
error-too-few-photos = Tu set tiene { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }; el entrenamiento necesita al menos { $min }. Envía { $missing } más.
error-name-taken = Ya tienes un modelo llamado “{ $name }”. Elige otro nombre: /photos train <nombre>.
error-insufficient-credits-training = Entrenar { $count } fotos cuesta { $total ->
        [one] { $total } crédito
       *[other] { $total } créditos
    } ({ $prepare } por prepararlas + { $perPhoto } por foto), pero { $wallet ->
        [user] tu monedero personal
        [guild] el monedero de este servidor
       *[group] el monedero de este grupo
    } tiene { $balance }.
error-daily-cap-training = Entrenar { $count } fotos cuesta { $total ->
        [one] { $total } crédito
       *[other] { $total } créditos
    }, pero aquí te quedan { $room } de tus créditos diarios. El límite se renueva a las { $resetsAt } UTC.
error-set-changed = Llegó una foto justo cuando empezaba el entrenamiento, así que no se cobró nada: tu set tiene ahora { $count ->
        [one] { $count } foto
       *[other] { $count } fotos
    }. Envía /photos train otra vez para entrenarlas todas.
error-no-set-closed = Ese set de fotos ya no está abierto.
error-photos-gone = Las fotos de este set ya no están aquí; empieza de nuevo con /photos new.
photos-service-unreachable = no se pudo contactar con el servicio de imágenes.
photos-training-not-started = El entrenamiento de { $name } no empezó: { $reason } No se cobró nada por él. Tus fotos están preparadas; usa /photos train para intentarlo de nuevo.
error-prepared-expired = Las fotos preparadas de ese set han caducado. Empieza de nuevo con /photos new.
error-busy-training = “{ $name }” ya se está entrenando.
photos-discarded = { $name } se eliminó mientras { $stage ->
        [preparing] se preparaba
       *[training] se entrenaba
    }, así que su resultado se descartó.
photos-ready = Tu modelo { $name } está listo, { $user }.
photos-ready-how = Haz fotos con /photos generate y un prompt como “a portrait in a linen suit, golden hour light”.
photos-ready-trigger = (Su palabra clave { $trigger } se añade a tus prompts automáticamente.)
error-no-model = Todavía no tienes ningún modelo entrenado. Empieza uno con /photos new, envía { $min }–{ $max } fotos y luego /photos train.
error-unknown-model = Aquí no hay ningún modelo llamado “{ $name }”. Tus modelos: { $names }.
error-not-ready = “{ $name }” todavía { $stage ->
        [preparing] se está preparando
       *[training] se está entrenando
    }{ $percent ->
        [0] {""}
       *[other] {" "}({ $percent } %)
    }. Avisaré aquí cuando esté listo.
error-model-failed = El entrenamiento de “{ $name }” falló. Empieza de nuevo con /photos new.
error-model-gone = El modelo con el que se hicieron estas fotos ya no existe (se eliminó), así que no se pueden hacer fotos nuevas con él.
error-model-private = Solo { $owner } puede hacer fotos nuevas de “{ $name }”: no está compartido en este chat.
error-not-group = Comparte un modelo desde dentro del grupo que debe usarlo.
error-not-ready-share = “{ $name }” todavía no está listo.
error-unknown-model-own = No tienes ningún modelo llamado “{ $name }”. Mira /photos list.
error-no-set-to-cancel = No tienes ningún set de fotos abierto ni entrenándose aquí.

## /photos list; the emoji and bullet are added before.

photos-list-open-set = Set abierto: { $count } de { $max } fotos ({ $gender }, { $ethnicity }); caduca en { $hours } h.
photos-list-model = { $name } — { $state ->
        [ready] listo
        [training] entrenándose{ $percent ->
            [0] {""}
           *[other] {" "}{ $percent } %
        }
        [prepared] preparado, esperando /photos train
        [preparing] preparándose
       *[failed] falló
    } ({ $owner ->
        [own] tuyo
        [shared] tuyo, compartido aquí
       *[other] compartido por { $ownerName }
    })
photos-list-empty = Todavía no hay sets de fotos ni modelos aquí. Empieza con /photos new.

# The subject of a photo set, as /photos new was told (gender, then ethnicity).
photos-gender = { $gender ->
    [male] hombre
   *[female] mujer
}
photos-ethnicity = { $ethnicity ->
    [asian] asiática
    [black] negra
    [latino] latina
    [middle-eastern] de Oriente Medio
    [native-american] nativa americana
    [pacific-islander] de las islas del Pacífico
   *[white] blanca
}
